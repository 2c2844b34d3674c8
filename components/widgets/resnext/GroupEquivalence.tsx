'use client';

/**
 * Equivalence, proven live: one set of seeded weights runs as (a) C separate paths summed, (b) C
 * paths concatenated before one 1×1, and (c) one grouped convolution, in TensorFlow.js on the same
 * random input; the widget shows the largest absolute difference between the outputs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { BACKEND_CHOICES } from '@/lib/url-state/common-params';
import { FORM_LABELS } from '@/lib/widgets/cardinality-groups/forms';
import { EQUIVALENCE_SIZE, EQUIVALENCE_WIDTHS, groupEquivalenceSchema, type GroupEquivalenceSchema } from '@/lib/widgets/group-equivalence/meta';
import type { EquivalenceResult } from '@/lib/widgets/group-equivalence/run';
import type { WidgetProps } from '@/lib/widgets/types';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { Button } from '@/components/ui/Button';
import { RunButton } from '@/components/ui/RunButton';
import { Select } from '@/components/ui/Select';
import { ParamSlider } from '@/components/ui/Slider';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatMs } from '@/lib/format';
import { RunReport } from '@/components/ui/RunReport';

const TOLERANCE = 1e-4;

function sci(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return x === 0 ? '0' : x.toExponential(2);
}

export function GroupEquivalence({ state, onChange }: WidgetProps<GroupEquivalenceSchema>) {
  const job = useTfjsJob();
  const [last, setLast] = useState<EquivalenceResult | null>(null);
  const started = useRef(false);
  const width = Number(state.width);

  const runJob = job.run;
  const start = useCallback(async () => {
    started.current = true;
    const result = await runJob('Running the three forms', async (ctx) => {
      const { runEquivalence } = await import('@/lib/widgets/group-equivalence/run');
      return runEquivalence({ C: state.C, d: state.d, width, seed: state.seed, backend: state.backend, ...ctx.request });
    });
    if (result) setLast(result);
  }, [runJob, state.C, state.d, width, state.seed, state.backend]);

  useEffect(() => {
    if (!started.current) return;
    const t = setTimeout(() => void start(), 250);
    return () => clearTimeout(t);
  }, [start]);

  const result = last;
  const ok = result ? result.diffAC < TOLERANCE && result.diffBC < TOLERANCE : false;

  return (
    <WidgetFrame
      title="Equivalence, proven live"
      subtitle={`One set of seeded weights, cut into per-path tensors for (a) and (b), runs in TensorFlow.js on the same random ${EQUIVALENCE_SIZE}×${EQUIVALENCE_SIZE}×${width} input in all three forms.`}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <ParamSlider schema={groupEquivalenceSchema} name="C" label="Cardinality C" value={state.C} onChange={(v) => onChange({ C: v })} />
        <ParamSlider schema={groupEquivalenceSchema} name="d" label="Width d" value={state.d} onChange={(v) => onChange({ d: v })} />
        <Select
          control="width"
          label="Block width"
          value={state.width}
          options={EQUIVALENCE_WIDTHS.map((w) => [w, `${w} channels`] as const)}
          onChange={(w) => onChange({ width: w })}
        />
        <BackendSelect value={state.backend} choices={BACKEND_CHOICES} onChange={(backend) => onChange({ backend })} />
      </div>
      <RunButton
        onRun={start}
        job={job}
        idleText={result ? undefined : 'Nothing runs until you press the button.'}
        doneText={ok ? 'Done: the three outputs agree to float rounding.' : 'Done: the outputs differ by more than float rounding.'}
        errorText={(m) => `The forms could not run: ${m}`}
        extra={
          <Button control="seed" onClick={() => onChange({ seed: (state.seed + 1) % 2 ** 31 })} disabled={job.running}>
            New weights and input
          </Button>
        }
      >
        {result ? 'Run again' : 'Run all three forms'}
      </RunButton>

      {result ? (
        <div className="mt-3 space-y-3">
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            {result.runs.map((r) => (
              <div key={r.form} className="rounded-lg border border-slate-200 p-2 dark:border-slate-700">
                <p className="text-[13px] font-semibold">{FORM_LABELS[r.form]}</p>
                <p className="text-[12px] text-slate-600 dark:text-slate-400">
                  {r.form === 'a'
                    ? `${result.request.C} paths, summed`
                    : r.form === 'b'
                      ? `${result.request.C} paths, concatenated, one 1×1`
                      : `one grouped conv (run as tfjs “${result.groupConv}”)`}
                </p>
                <p className="mt-1 font-mono text-[13px] tabular-nums">
                  {r.nodes} ops · {formatMs(r.ms)}
                </p>
              </div>
            ))}
          </div>
          <StatGrid>
            {(['AC', 'BC'] as const).map((k) => {
              const which = k === 'AC' ? '(a) and (c)' : '(b) and (c)';
              const v = k === 'AC' ? result.diffAC : result.diffBC;
              return (
                <Stat
                  key={k}
                  label={`max |${which.replace(' and ', ' − ')}|`}
                  value={
                    <output aria-label={`Largest difference between ${which}`} data-value={v}>
                      {sci(v)}
                    </output>
                  }
                />
              );
            })}
            <Stat label="largest output value" value={result.magnitude.toFixed(3)} />
          </StatGrid>
          <p className={`text-[13px] ${ok ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-800 dark:text-red-300'}`}>
            {ok
              ? `Below ${sci(TOLERANCE)} on outputs of size up to ${result.magnitude.toFixed(1)}: what is left is float32 rounding, from adding the same products in a different order.`
              : `Above ${sci(TOLERANCE)}: the forms disagree.`}{' '}
            Output shape [{result.outputShape.join(', ')}].
          </p>
          <RunReport backend={result.backend} tensors={{ before: result.tensorsBefore, after: result.tensorsAfter }} />
        </div>
      ) : null}
    </WidgetFrame>
  );
}
