'use client';

import { useState } from 'react';
import { FlopsVsTime } from '@/components/lab/FlopsVsTime';
import type { RunResult } from '@/lib/lab/handle';
import { PROFILE_SIZES } from '@/lib/models/lab-schema';
import type { WidgetProps } from '@/lib/widgets/types';
import type { LabFlopsVsTimeSchema } from '@/lib/widgets/lab-flops-vs-time/meta';
import { BackendPicker, CompactRunner, ModelSelect, useModelGraph } from './common';

type State = WidgetProps<LabFlopsVsTimeSchema>['state'];

/** The lab's FLOPs-versus-time profiler as a controlled widget (lab-flops-vs-time), with its own run. */
export function LabFlopsVsTimeWidget({ state, onChange }: WidgetProps<LabFlopsVsTimeSchema>) {
  const graph = useModelGraph(state.model);
  const [result, setResult] = useState<RunResult | null>(null);
  const current = result && result.graph === graph ? result : null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <ModelSelect value={state.model} onChange={(model) => onChange({ model })} />
        <BackendPicker value={state.backend} onChange={(backend) => onChange({ backend })} />
      </div>
      <CompactRunner
        model={state.model}
        graph={graph}
        backend={state.backend}
        sample="chelsea"
        seed={state.seed}
        onSeedChange={(seed) => onChange({ seed })}
        onRun={setResult}
        onInvalidate={() => setResult(null)}
        result={current}
      />
      <FlopsVsTime
        source={current}
        size={Number(state.psize)}
        onSizeChange={(size) => {
          const psize = String(size);
          if ((PROFILE_SIZES as readonly string[]).includes(psize)) onChange({ psize: psize as State['psize'] });
        }}
        sizes={PROFILE_SIZES.map(Number)}
      />
    </div>
  );
}
