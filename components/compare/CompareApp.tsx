'use client';

import { useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { LogScatter } from '@/components/charts/LogScatter';
import { Notices } from '@/components/ui/Notices';
import { MODELS } from '@/lib/arch';
import { formatCount } from '@/lib/format';
import { compareSchema, COMPARE_SIZES } from '@/lib/compare/schema';
import { inversions, kendallTau, ranks } from '@/lib/compare/ranking';
import type { CompareRun } from '@/lib/compare/measure';
import { FAMILY_COLORS } from '@/lib/models/family-colors';
import { BACKEND_LABELS, BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { fallbackNotice } from '@/lib/runtime/backend-policy';
import { useUrlState } from '@/lib/url-state/use-url-state';

const btn = 'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800';

/**
 * Measures several models on the reader's device in one run and sets their MACs against measured
 * latency: the ranking by FLOPs and the ranking by time differ.
 */
export function CompareApp() {
  const [state, notices, update] = useUrlState(compareSchema);
  const job = useTfjsJob();
  const { status } = job;
  const [run, setRun] = useState<CompareRun | null>(null);

  const start = async () => {
    setRun(null);
    const result = await job.run('Loading TensorFlow.js', async (ctx) => {
      const { measureModels } = await import('@/lib/compare/measure');
      const ids = MODELS.map((m) => m.id).filter((id) => state.models.includes(id));
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
  const toggle = (id: string) =>
    update({ models: state.models.includes(id) ? state.models.filter((m) => m !== id) : [...state.models, id] });
  const results = run?.results ?? [];
  const macRank = ranks(results.map((r) => r.macs));
  const timeRank = ranks(results.map((r) => r.ms));
  const tau = results.length > 1 ? kendallTau(results.map((r) => r.macs), results.map((r) => r.ms)) : null;
  const inv = inversions(results);
  const familyOf = (id: string) => MODELS.find((m) => m.id === id)!.family;

  return (
    <div className="space-y-6">
      <Notices notices={notices} />
      <fieldset className="rounded-xl border border-slate-200 p-4 dark:border-slate-800" disabled={running}>
        <legend className="px-1 font-semibold">Models to measure</legend>
        <div className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {MODELS.map((m) => (
            // Rows at least 24 px apart, so each small checkbox keeps a 24 px target (WCAG 2.5.8, axe target-size).
            <label key={m.id} className="flex min-h-6 items-center gap-2">
              <input type="checkbox" checked={state.models.includes(m.id)} onChange={() => toggle(m.id)} />
              <span className="font-mono text-xs">{m.id}</span>
            </label>
          ))}
        </div>
        <div className="mt-4 flex flex-wrap items-end gap-4 text-sm">
          <label className="grid gap-1">
            Input size
            <select className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900" value={state.size} onChange={(e) => update({ size: e.target.value as (typeof COMPARE_SIZES)[number] })}>
              {COMPARE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}×{s}
                </option>
              ))}
            </select>
          </label>
          <label className="grid gap-1">
            Backend
            <select className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900" value={state.backend} onChange={(e) => update({ backend: e.target.value as typeof state.backend })}>
              <option value="auto">Automatic</option>
              {BACKEND_ORDER.map((b) => (
                <option key={b} value={b}>
                  {BACKEND_LABELS[b]}
                </option>
              ))}
            </select>
          </label>
          <label className="grid gap-1">
            Timed runs
            <input type="number" min={1} max={30} className="w-20 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900" value={state.runs} onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 30) update({ runs: n });
            }} />
          </label>
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-40" disabled={running || state.models.length === 0} onClick={start}>
          Measure {state.models.length} model{state.models.length === 1 ? '' : 's'}
        </button>
        {running && (
          <button type="button" className={btn} onClick={job.cancel}>
            Cancel
          </button>
        )}
        <div role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
          {status.kind === 'running' && (
            <span className="inline-flex items-center gap-2">
              <progress max={Math.max(1, status.total)} value={status.done} aria-label="Measuring" className="w-40" /> {status.label}
            </span>
          )}
          {status.kind === 'cancelled' && 'Cancelled; nothing was kept.'}
          {status.kind === 'error' && <span className="text-red-700 dark:text-red-400">Measuring failed: {status.message}</span>}
          {run && status.kind === 'done' && `Measured on ${BACKEND_LABELS[run.backend]}${run.renderer && (run.backend === 'webgl' || run.backend === 'webgpu') ? ` (${run.renderer})` : ''}, ${state.size}×${state.size}, median of ${state.runs} after a warm-up.`}
        </div>
      </div>
      {run && fallbackNotice(state.backend, run) && <p className="text-sm text-amber-800 dark:text-amber-300">{fallbackNotice(state.backend, run)}</p>}
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
                  <th scope="col" className="text-right">MACs</th>
                  <th scope="col" className="text-right">ms</th>
                  <th scope="col" className="text-right">rank by MACs</th>
                  <th scope="col" className="text-right">rank by time</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r, i) => (
                  <tr key={r.id} data-model={r.id} className={`border-t border-slate-200 dark:border-slate-800 ${macRank[i] !== timeRank[i] ? 'bg-amber-50 dark:bg-amber-500/10' : ''}`}>
                    <th scope="row" className="py-1 text-left font-mono text-xs font-normal">{r.id}</th>
                    <td className="text-right">{formatCount(r.macs)}</td>
                    <td className="text-right">{r.ms.toFixed(1)}</td>
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
