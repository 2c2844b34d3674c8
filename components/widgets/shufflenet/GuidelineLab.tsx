'use client';

/**
 * The guideline lab: ShuffleNet v2's micro-benchmarks for G1-G4 run in the reader's browser on the
 * chosen tfjs backend, each result normalised to the table's first row and set beside the paper's
 * GTX 1080Ti and ARM numbers (normalised the same way), so the reader sees whether each guideline
 * holds here. Definitions: lib/widgets/guideline-lab/benchmarks.ts; tfjs: ./run.ts (import()).
 */
import { scaleLinear } from 'd3-scale';
import { useMemo, useState } from 'react';
import { graphCost } from '@/lib/arch/cost';
import {
  GUIDELINES,
  GUIDELINE_IDS,
  PAPER_UNITS,
  PLATFORM_LABELS,
  buildBenchmark,
  normalise,
  paperColumn,
  platformFor,
  rowSetting,
  runPlan,
  verdict,
  type GuidelineId,
  type Platform,
  type WidthIndex,
} from '@/lib/widgets/guideline-lab/benchmarks';
import { BACKEND_CHOICES, type GuidelineLabSchema } from '@/lib/widgets/guideline-lab/meta';
import type { RowResult } from '@/lib/widgets/guideline-lab/run';
import type { WidgetProps } from '@/lib/widgets/types';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { RunButton } from '@/components/ui/RunButton';
import { Select } from '@/components/ui/Select';
import { Toggle } from '@/components/ui/Toggle';
import { formatCount, formatFixed, formatMs } from '@/lib/format';
import { TableHead } from '@/components/ui/TableHead';
import { DataTable } from '@/components/ui/DataTable';
import { RunReport } from '@/components/ui/RunReport';

interface Results {
  readonly guideline: GuidelineId;
  readonly platform: Platform;
  readonly width: WidthIndex;
  readonly size: number;
  readonly rows: readonly RowResult[];
}

function Bar({ value, max, tone }: { value: number; max: number; tone: 'you' | 'paper' }) {
  const x = scaleLinear().domain([0, max]).range([0, 100]).clamp(true);
  if (!Number.isFinite(value)) return null;
  return (
    <span className="mt-0.5 block h-1.5 w-full rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
      <span
        className={`block h-1.5 rounded ${tone === 'you' ? 'bg-accent-600 dark:bg-accent-400' : 'bg-slate-400 dark:bg-slate-500'}`}
        style={{ width: `${x(value)}%` }}
      />
    </span>
  );
}

export function GuidelineLabWidget({ state, onChange }: WidgetProps<GuidelineLabSchema>) {
  const job = useTfjsJob();
  const [results, setResults] = useState<Results | null>(null);
  const g = GUIDELINES[state.guideline];
  const width = Number(state.width) as WidthIndex;
  const guessPlatform: Platform =
    state.setting === 'auto' ? platformFor(job.backend?.backend ?? (state.backend === 'auto' ? 'webgl' : state.backend)) : state.setting;
  const shown = results && results.guideline === state.guideline ? results : null;
  const platform = shown?.platform ?? guessPlatform;
  const plan = runPlan(state.reduced);

  const macs = useMemo(
    () => g.rows.map((_, r) => graphCost(buildBenchmark(state.guideline, r, platform, shown?.width ?? width)).total.macs * (plan.size / 56) ** 2),
    [g, state.guideline, platform, shown?.width, width, plan.size],
  );

  const run = async () => {
    const req = { guideline: state.guideline, width, reduced: state.reduced, backend: state.backend };
    setResults(null);
    const { runGuideline } = await import('@/lib/widgets/guideline-lab/run');
    await job.run(`${g.short}: timing ${g.rows.length} networks`, (ctx) =>
      runGuideline({
        ...req,
        platform: state.setting,
        ...ctx.request,
        onStart: (info, before) => {
          ctx.request.onStart(info, before);
          const p = state.setting === 'auto' ? platformFor(info.backend) : state.setting;
          setResults({ guideline: req.guideline, platform: p, width, size: runPlan(req.reduced).size, rows: [] });
        },
        onProgress: (done, total, row) => {
          ctx.progress(done, total);
          if (row) setResults((r) => (r ? { ...r, rows: [...r.rows, row] } : r));
        },
      }),
    );
  };

  const measured = shown ? g.rows.map((_, r) => shown.rows.find((x) => x.row === r)?.speed ?? NaN) : g.rows.map(() => NaN);
  const rel = normalise(measured);
  const w = shown?.width ?? width;
  const paperRel = { gpu: normalise(paperColumn(state.guideline, 'gpu', w)), arm: normalise(paperColumn(state.guideline, 'arm', w)) };
  const maxRel = Math.max(1, ...rel.filter(Number.isFinite), ...paperRel.gpu, ...paperRel.arm);
  const complete = shown !== null && shown.rows.length === g.rows.length;
  const v = complete ? verdict(state.guideline, measured) : null;
  const notes = g.rows.map((_, r) => rowSetting(state.guideline, r, platform, w)).filter((s) => s.note);

  return (
    <div>
      <div role="group" aria-label="Guideline" className="flex flex-wrap gap-1" data-control="guideline">
        {GUIDELINE_IDS.map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={state.guideline === id}
            disabled={job.running}
            onClick={() => onChange({ guideline: id })}
            className={`rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${
              state.guideline === id
                ? 'border-accent-600 bg-accent-600 text-white dark:border-accent-400 dark:bg-accent-500'
                : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800'
            }`}
          >
            {GUIDELINES[id].short}
          </button>
        ))}
      </div>
      <p className="mt-2 font-medium text-slate-900 dark:text-white">
        {g.short}: {g.title}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        10 × {g.block}, batch 1, {plan.size}×{plan.size} (
        {g.paperSize
          ? `${g.table} of the paper used ${g.paperSize}×${g.paperSize}`
          : `${g.table} of the paper gives no input size; the lab uses Tables 1–3’s 56×56`}
        ).
      </p>

      <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <BackendSelect value={state.backend} choices={BACKEND_CHOICES} disabled={job.running} onChange={(backend) => onChange({ backend })} />
        <Select
          label="Channel setting"
          control="setting"
          value={state.setting}
          disabled={job.running}
          onChange={(setting) => onChange({ setting })}
          options={[
            ['auto', 'Auto'],
            ['gpu', "Paper's GPU column"],
            ['arm', "Paper's ARM column"],
          ]}
        />
        <Select
          label="Width"
          control="width"
          value={state.width}
          disabled={job.running}
          onChange={(width) => onChange({ width })}
          options={g.columns[guessPlatform].map((c, i) => [String(i) as '0' | '1' | '2', c] as const)}
        />
        <Toggle
          className="self-end pb-1"
          label="Reduced size"
          control="reduced"
          checked={state.reduced}
          disabled={job.running}
          onChange={(reduced) => onChange({ reduced })}
        />
      </div>

      <RunButton
        onRun={run}
        job={job}
        extra={
          <span className="text-xs text-slate-600 dark:text-slate-400">
            {plan.warmup} warm-up + {plan.repeats} timed passes per network, the networks taking turns; speed = 1 / median time.
          </span>
        }
      >
        Run {g.short} on this device
      </RunButton>
      <RunReport backend={job.backend} requested={state.backend} tensors={job.tensors} />

      <DataTable
        caption={
          <>
            Speed relative to the first row (higher is faster). Channels: the paper&apos;s {PLATFORM_LABELS[platform]} setting, {g.columns[platform][w]}. Paper
            columns: {g.table}, {g.columns.gpu[w]} on the GPU ({PAPER_UNITS.gpu}) and {g.columns.arm[w]} on ARM ({PAPER_UNITS.arm}).
          </>
        }
        className="min-w-[34rem] text-xs"
        tableData={{ 'data-testid': 'guideline-table', 'data-complete': complete ? 'true' : 'false' }}
      >
        <TableHead columns={['Block', 'Setting here', { label: 'MACs', align: 'right' }, 'This device', 'Paper, GTX 1080Ti', 'Paper, ARM']} />
        <tbody>
          {g.rows.map((row, r) => {
            const res = shown?.rows.find((x) => x.row === r);
            return (
              <tr
                key={row.label}
                className="border-b border-slate-100 align-top dark:border-slate-800"
                data-testid={`guideline-row-${r}`}
                data-ms={res ? res.ms.toFixed(3) : ''}
              >
                <th scope="row" className="py-1.5 pr-2 font-medium whitespace-nowrap text-slate-900 dark:text-slate-100">
                  {row.label}
                </th>
                <td className="py-1.5 pr-2 text-slate-600 dark:text-slate-400">{rowSetting(state.guideline, r, platform, w).text}</td>
                <td className="py-1.5 pr-2 text-right whitespace-nowrap tabular-nums">{formatCount(macs[r])}</td>
                <td className="w-28 py-1.5 pr-2 tabular-nums">
                  {res ? (
                    <>
                      <span className="font-semibold text-slate-900 dark:text-white">{formatFixed(rel[r], 2)}×</span>{' '}
                      <span className="text-slate-500 dark:text-slate-400">{formatMs(res.ms)}</span>
                      <Bar value={rel[r]} max={maxRel} tone="you" />
                      {res.strategy ? <span className="mt-0.5 block text-[10px] text-slate-500 dark:text-slate-400">grouped conv: {res.strategy}</span> : null}
                    </>
                  ) : (
                    <span className="text-slate-400">–</span>
                  )}
                </td>
                <td className="w-28 py-1.5 pr-2 tabular-nums">
                  {formatFixed(paperRel.gpu[r], 2)}× <span className="text-slate-500 dark:text-slate-400">({row.paper.gpu[w]})</span>
                  <Bar value={paperRel.gpu[r]} max={maxRel} tone="paper" />
                </td>
                <td className="w-28 py-1.5 tabular-nums">
                  {formatFixed(paperRel.arm[r], 2)}× <span className="text-slate-500 dark:text-slate-400">({row.paper.arm[w]})</span>
                  <Bar value={paperRel.arm[r]} max={maxRel} tone="paper" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {notes.length > 0 && <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">{notes.map((n) => `${n.text}: ${n.note}.`).join(' ')}</p>}
      {v && (
        <p className="mt-2 text-sm" data-testid="guideline-verdict" data-verdict={v.verdict} aria-live="polite">
          On this device {g.short} <strong>{v.verdict === 'holds' ? 'holds' : v.verdict === 'mixed' ? 'partly holds' : 'does not hold'}</strong>: {v.held} of{' '}
          {v.of} of its predictions (
          {state.guideline === 'g4' ? 'each variant without ReLU or shortcut is faster than the full unit' : 'the first row is faster than each other row'})
          came true by more than 3%.
          {v.verdict !== 'holds' &&
            " Small networks on a CPU backend, or GPU backends emulated in software, need not behave like the paper's hardware; that is the point of measuring."}
        </p>
      )}
    </div>
  );
}
