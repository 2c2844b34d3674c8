'use client';

import { useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { LogScatter } from '@/components/charts/LogScatter';
import { Caveat } from '@/components/ui/Alert';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { Field } from '@/components/ui/Field';
import { Notices } from '@/components/ui/Notices';
import { RunButton } from '@/components/ui/RunButton';
import { Select } from '@/components/ui/Select';
import { controlClass } from '@/components/ui/styles';
import { Toggle } from '@/components/ui/Toggle';
import { RunGuardNotice } from '@/components/ui/RunGuardNotice';
import { useRunGuard } from '@/components/hooks/useRunGuard';
import { buildGraph, MODELS } from '@/lib/arch';
import { footprint } from '@/lib/arch/footprint';
import { formatCount, formatSig } from '@/lib/format';
import { compareSchema, COMPARE_MODEL_IDS, COMPARE_SIZES } from '@/lib/compare/schema';
import { inversions, kendallTau, ranks } from '@/lib/compare/ranking';
import type { CompareRun } from '@/lib/compare/measure';
import { FAMILY_COLORS } from '@/lib/models/family-colors';
import { BACKEND_LABELS, BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { BACKEND_CHOICES } from '@/lib/url-state/common-params';
import { fallbackNotice } from '@/lib/runtime/backend-policy';
import { expectedBackend, guardModels } from '@/lib/runtime/run-guard';
import { useUrlState } from '@/lib/url-state/use-url-state';

/**
 * Measures several models on the reader's device in one run and sets their MACs against measured
 * latency: the ranking by FLOPs and the ranking by time differ.
 */
export function CompareApp() {
  const [state, notices, update] = useUrlState(compareSchema);
  const job = useTfjsJob();
  const { status } = job;
  const [run, setRun] = useState<CompareRun | null>(null);

  const guard = useRunGuard();

  const start = async () => {
    // Before any weights are built: each model gets a warm-up and `runs` timed passes (lib/compare/measure.ts).
    const ids = COMPARE_MODEL_IDS.filter((id) => state.models.includes(id));
    const on = expectedBackend(state.backend, BACKEND_ORDER);
    const decision = guardModels(
      ids.map((id) => footprint(buildGraph(id, { size: Number(state.size) }))),
      on,
      state.runs + 1,
    );
    if (!guard.allow(`${ids.join(',')}@${state.size}×${state.runs}|${on}`, decision, () => void start())) return;
    setRun(null);
    const result = await job.run('Loading TensorFlow.js', async (ctx) => {
      const { measureModels } = await import('@/lib/compare/measure');
      return measureModels({
        ids,
        size: Number(state.size),
        backend: state.backend,
        runs: state.runs,
        signal: ctx.signal,
        onProgress: (done, total, label) => ctx.progress(done, total, label),
      });
    });
    if (result) setRun(result);
  };

  const running = status.kind === 'running';
  const toggle = (id: string) => update({ models: state.models.includes(id) ? state.models.filter((m) => m !== id) : [...state.models, id] });
  const results = run?.results ?? [];
  const macRank = ranks(results.map((r) => r.macs));
  const timeRank = ranks(results.map((r) => r.ms));
  const tau =
    results.length > 1
      ? kendallTau(
          results.map((r) => r.macs),
          results.map((r) => r.ms),
        )
      : null;
  const inv = inversions(results);
  const familyOf = (id: string) => MODELS.find((m) => m.id === id)!.family;

  return (
    <div className="space-y-6">
      <Notices notices={notices} />
      <fieldset className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" disabled={running}>
        <legend className="px-1 font-semibold">Models to measure</legend>
        <div className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {COMPARE_MODEL_IDS.map((id) => (
            <Toggle key={id} label={id} checked={state.models.includes(id)} onChange={() => toggle(id)} />
          ))}
        </div>
        <div className="mt-4 grid grid-cols-2 gap-4 text-sm sm:grid-cols-3">
          <Select
            label="Input size"
            value={state.size}
            onChange={(size) => update({ size })}
            options={COMPARE_SIZES.map((sz) => [sz, `${sz}×${sz}`] as const)}
          />
          <BackendSelect value={state.backend} choices={BACKEND_CHOICES} onChange={(backend) => update({ backend })} />
          <Field label="Timed runs">
            {(id) => (
              <input
                id={id}
                type="number"
                min={1}
                max={30}
                className={`w-20 ${controlClass}`}
                value={state.runs}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 1 && n <= 30) update({ runs: n });
                }}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <RunButton
        onRun={start}
        job={job}
        disabled={state.models.length === 0}
        unit="steps"
        doneText={
          run
            ? `Done. Measured on ${BACKEND_LABELS[run.backend]}${run.renderer && (run.backend === 'webgl' || run.backend === 'webgpu') ? ` (${run.renderer})` : ''}, ${state.size}×${state.size}, median of ${state.runs} after a warm-up.`
            : undefined
        }
        errorText={(m) => `Measuring failed: ${m}`}
      >
        Measure {state.models.length} model{state.models.length === 1 ? '' : 's'}
      </RunButton>
      <RunGuardNotice decision={guard.question} onConfirm={guard.confirm} onCancel={guard.cancel} confirmLabel="Measure anyway" />
      {run && fallbackNotice(state.backend, run) ? <Caveat>{fallbackNotice(state.backend, run)}</Caveat> : null}
      {results.length > 0 && (
        <section aria-labelledby="results-heading" className="grid gap-6 lg:grid-cols-2">
          <div>
            <h2 id="results-heading" className="mb-2 font-semibold">
              On this device
            </h2>
            <table className="w-full text-sm tabular-nums">
              <caption className="sr-only">Measured latency against MACs, with both rankings</caption>
              <thead className="text-left text-slate-500">
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" className="text-right">
                    MACs
                  </th>
                  <th scope="col" className="text-right">
                    ms
                  </th>
                  <th scope="col" className="text-right">
                    rank by MACs
                  </th>
                  <th scope="col" className="text-right">
                    rank by time
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.map((r, i) => (
                  <tr
                    key={r.id}
                    data-model={r.id}
                    className={`border-t border-slate-200 dark:border-slate-800 ${macRank[i] !== timeRank[i] ? 'bg-amber-50 dark:bg-amber-500/10' : ''}`}
                  >
                    <th scope="row" className="py-1 text-left font-mono text-xs font-normal">
                      {r.id}
                    </th>
                    <td className="text-right">{formatCount(r.macs)}</td>
                    <td className="text-right">{formatSig(r.ms)}</td>
                    <td className="text-right">{macRank[i]}</td>
                    <td className="text-right">{timeRank[i]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-3 text-sm text-slate-700 dark:text-slate-300" data-testid="ranking-summary">
              {tau === null
                ? 'Measure two or more models to compare rankings.'
                : inv.length === 0
                  ? `Here the two rankings agree (Kendall τ = ${tau.toFixed(2)}).`
                  : `The rankings disagree on ${inv.length} pair${inv.length === 1 ? '' : 's'} (Kendall τ = ${tau.toFixed(2)}): ${inv
                      .slice(0, 3)
                      .map(([a, b]) => `${a.id} has fewer MACs than ${b.id} but takes longer`)
                      .join('; ')}.`}
            </p>
          </div>
          <figure>
            <LogScatter
              title="MACs against measured latency on this device"
              xLabel="MACs"
              yLabel="measured ms per image"
              points={results.map((r) => ({ key: r.id, x: r.macs, y: r.ms, label: r.id, color: FAMILY_COLORS[familyOf(r.id)], emphasis: true }))}
            />
          </figure>
        </section>
      )}
    </div>
  );
}
