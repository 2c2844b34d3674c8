'use client';

/**
 * Equivalence, proven live: one set of seeded weights runs as (a) C separate paths summed, (b) C
 * paths concatenated before one 1×1, and (c) one grouped convolution, in TensorFlow.js on the same
 * random input; the widget shows the largest absolute difference between the outputs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type JobStatus, useTfjsJob } from '@/components/hooks/useTfjsJob';
import { BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { FORM_LABELS } from '@/lib/widgets/cardinality-groups/forms';
import { EQUIVALENCE_SIZE, EQUIVALENCE_WIDTHS, groupEquivalenceSchema, type GroupEquivalenceSchema } from '@/lib/widgets/group-equivalence/meta';
import type { EquivalenceResult } from '@/lib/widgets/group-equivalence/run';
import type { WidgetProps } from '@/lib/widgets/types';
import { ErrorNote } from '@/components/ui/Alert';
import { backendLabel, BackendNotice } from '@/components/ui/BackendNotice';
import { Button } from '@/components/ui/Button';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { TensorReadout } from '@/components/ui/TensorReadout';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatMs } from '@/lib/format';

type Run = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: EquivalenceResult } | { status: 'error'; message: string };

const TOLERANCE = 1e-4;

/** The widget's view of the job: a cancel (a newer run replaced it) reads as running or idle. */
function runState(status: JobStatus, last: EquivalenceResult | null): Run {
  if (status.kind === 'running') return { status: 'running' };
  if (status.kind === 'error') return { status: 'error', message: status.message };
  return status.kind === 'done' && last ? { status: 'done', result: last } : { status: 'idle' };
}

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
  const run: Run = runState(job.status, last);

  useEffect(() => {
    if (!started.current) return;
    const t = setTimeout(() => void start(), 250);
    return () => clearTimeout(t);
  }, [start]);

  const result = run.status === 'done' ? run.result : last;
  const ok = result ? result.diffAC < TOLERANCE && result.diffBC < TOLERANCE : false;

  return (
    <WidgetFrame
      title="Equivalence, proven live"
      subtitle={`One set of seeded weights, cut into per-path tensors for (a) and (b), runs in TensorFlow.js on the same random ${EQUIVALENCE_SIZE}×${EQUIVALENCE_SIZE}×${width} input in all three forms.`}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Slider control="C" label="Cardinality C" value={state.C} min={groupEquivalenceSchema.C.min} max={groupEquivalenceSchema.C.max} onChange={(v) => onChange({ C: v })} />
        <Slider control="d" label="Width d" value={state.d} min={groupEquivalenceSchema.d.min} max={groupEquivalenceSchema.d.max} onChange={(v) => onChange({ d: v })} />
        <Select control="width" label="Block width" value={state.width} options={EQUIVALENCE_WIDTHS.map((w) => [w, `${w} channels`] as const)} onChange={(w) => onChange({ width: w })} />
        <Select
          control="backend"
          label="Backend"
          value={state.backend}
          options={[['auto', 'Automatic (fastest available)'] as const, ...BACKEND_ORDER.map((b) => [b, backendLabel(b)] as const)]}
          onChange={(backend) => onChange({ backend })}
        />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={() => void start()} disabled={run.status === 'running'}>
          {run.status === 'running' ? 'Running…' : result ? 'Run again' : 'Run all three forms'}
        </Button>
        <Button control="seed" onClick={() => onChange({ seed: (state.seed + 1) % 2 ** 31 })} disabled={run.status === 'running'}>
          New weights and input
        </Button>
        <span role="status" aria-live="polite" className="text-[12px] text-slate-600 dark:text-slate-400">
          {run.status === 'idle' && !result ? 'Nothing runs until you press the button.' : null}
          {run.status === 'running' ? 'Running (a), (b) and (c)…' : null}
          {run.status === 'done' ? (ok ? 'Done: the three outputs agree to float rounding.' : 'Done: the outputs differ by more than float rounding.') : null}
        </span>
      </div>
      {run.status === 'error' ? (
        <div className="mt-2">
          <ErrorNote>{`The forms could not run: ${run.message}`}</ErrorNote>
        </div>
      ) : null}

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
          <dl className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            <div className="rounded-lg bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
              <dt className="text-[11px] text-slate-500 dark:text-slate-400">max |(a) − (c)|</dt>
              <dd>
                <output aria-label="Largest difference between (a) and (c)" className="font-mono text-lg tabular-nums" data-value={result.diffAC}>
                  {sci(result.diffAC)}
                </output>
              </dd>
            </div>
            <div className="rounded-lg bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
              <dt className="text-[11px] text-slate-500 dark:text-slate-400">max |(b) − (c)|</dt>
              <dd>
                <output aria-label="Largest difference between (b) and (c)" className="font-mono text-lg tabular-nums" data-value={result.diffBC}>
                  {sci(result.diffBC)}
                </output>
              </dd>
            </div>
            <div className="rounded-lg bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
              <dt className="text-[11px] uppercase tracking-wide text-slate-500 dark:text-slate-400">largest output value</dt>
              <dd className="font-mono text-lg tabular-nums">{result.magnitude.toFixed(3)}</dd>
            </div>
          </dl>
          <p className={`text-[13px] ${ok ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-800 dark:text-red-300'}`}>
            {ok
              ? `Below ${sci(TOLERANCE)} on outputs of size up to ${result.magnitude.toFixed(1)}: what is left is float32 rounding, from adding the same products in a different order.`
              : `Above ${sci(TOLERANCE)}: the forms disagree.`}{' '}
            Output shape [{result.outputShape.join(', ')}].
          </p>
          <BackendNotice info={result.backend} />
          <TensorReadout tensors={{ before: result.tensorsBefore, after: result.tensorsAfter }} />
        </div>
      ) : null}
    </WidgetFrame>
  );
}
