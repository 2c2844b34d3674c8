'use client';

import { useState } from 'react';
import { Explain, type ExplainSettings } from '@/components/lab/Explain';
import { getModel } from '@/lib/arch';
import type { RunResult } from '@/lib/lab/handle';
import type { WidgetProps } from '@/lib/widgets/types';
import type { LabExplainSchema } from '@/lib/widgets/lab-explain/meta';
import { BackendPicker, CompactRunner, ModelSelect, useModelGraph } from './common';

type State = WidgetProps<LabExplainSchema>['state'];

/** The lab's Explain view as a controlled widget (lab-explain), with its own run. */
export function LabExplainWidget({ state, onChange }: WidgetProps<LabExplainSchema>) {
  const graph = useModelGraph(state.model);
  const [result, setResult] = useState<RunResult | null>(null);
  const current = result && result.graph === graph ? result : null;
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
      <CompactRunner
        model={state.model}
        graph={graph}
        backend={state.backend}
        sample={state.sample}
        seed={state.seed}
        onSampleChange={(sample) => onChange({ sample: sample as State['sample'] })}
        digit={state.digit}
        onDigitChange={(digit) => onChange({ digit })}
        onSeedChange={(seed) => onChange({ seed })}
        onRun={setResult}
        onInvalidate={() => setResult(null)}
        result={current}
      />
    </div>
  );
}
