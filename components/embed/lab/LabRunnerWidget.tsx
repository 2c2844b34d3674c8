'use client';

import { Runner } from '@/components/lab/Runner';
import { getModel } from '@/lib/arch';
import type { WidgetProps } from '@/lib/widgets/types';
import type { LabRunnerSchema } from '@/lib/widgets/lab-runner/meta';
import { useEmbed } from '../context';
import { BackendPicker, ModelSelect, asBackendChoice, useModelGraph } from './common';

/** The lab's Runner as a controlled widget (lab-runner). */
export function LabRunnerWidget({ state, onChange }: WidgetProps<LabRunnerSchema>) {
  const graph = useModelGraph(state.model);
  const { autoStart } = useEmbed();
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <ModelSelect value={state.model} onChange={(model) => onChange({ model })} />
        <BackendPicker value={state.backend} onChange={(backend) => onChange({ backend })} />
      </div>
      <Runner
        graph={graph}
        dataset={getModel(state.model).dataset}
        backend={asBackendChoice(state.backend)}
        sample={state.sample}
        seed={state.seed}
        onSampleChange={(sample) => onChange({ sample: sample as LabRunnerState['sample'] })}
        digit={state.digit}
        onDigitChange={(digit) => onChange({ digit })}
        onSeedChange={(seed) => onChange({ seed })}
        autoRun={autoStart}
      />
    </div>
  );
}

type LabRunnerState = WidgetProps<LabRunnerSchema>['state'];
