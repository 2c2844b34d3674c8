'use client';

import { Explain, type ExplainSettings } from '@/components/lab/Explain';
import { getModel } from '@/lib/arch';
import type { WidgetProps } from '@/lib/widgets/types';
import type { LabExplainSchema } from '@/lib/widgets/lab-explain/meta';
import { BackendPicker, ModelSelect, useEmbedRun, useModelGraph } from './common';

/** The lab's Explain view as a controlled widget (lab-explain), with its own run. */
export function LabExplainWidget({ state, onChange }: WidgetProps<LabExplainSchema>) {
  const graph = useModelGraph(state.model);
  const { current, runner } = useEmbedRun(state, onChange, graph);
  const change = (p: Partial<ExplainSettings>) => {
    const { classParam, ...rest } = p;
    onChange({ ...rest, ...(classParam !== undefined ? { class: classParam } : {}) });
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <ModelSelect value={state.model} onChange={(model) => onChange({ model, layer: '', class: '' })} />
        <BackendPicker value={state.backend} onChange={(backend) => onChange({ backend })} />
      </div>
      <Explain
        source={current}
        dataset={getModel(state.model).dataset}
        layer={state.layer}
        method={state.method}
        classParam={state.class}
        opacity={state.opacity}
        samples={state.samples}
        noise={state.noise}
        onChange={change}
      />
      {runner}
    </div>
  );
}
