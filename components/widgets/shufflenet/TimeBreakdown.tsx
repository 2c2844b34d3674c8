'use client';

/**
 * Where shufflenet_v2_x1_0 spends its time on the reader's device, by op kind (as the paper's
 * Figure 2 does for ShuffleNet v1 and MobileNet v2), next to where its FLOPs are. Profiled layer by
 * layer with lib/runtime/profiler.ts after a click; aggregated with lib/lab's helpers.
 */
import { scaleLinear } from 'd3-scale';
import Link from 'next/link';
import { useState } from 'react';
import { timerLabel } from '@/lib/lab/profile-stats';
import { BREAKDOWN_SIZES, type BreakdownCategory, type CategoryTotal } from '@/lib/widgets/time-breakdown/categories';
import { BACKEND_CHOICES } from '@/lib/widgets/guideline-lab/meta';
import type { TimeBreakdownSchema } from '@/lib/widgets/time-breakdown/meta';
import type { BreakdownResult } from '@/lib/widgets/time-breakdown/run';
import type { WidgetProps } from '@/lib/widgets/types';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { BackendSelect } from '@/components/ui/BackendSelect';
import { RunButton } from '@/components/ui/RunButton';
import { Select } from '@/components/ui/Select';
import { Toggle } from '@/components/ui/Toggle';
import { formatMs, formatPercent } from '@/lib/format';
import { TableHead } from '@/components/ui/TableHead';
import { DataTable } from '@/components/ui/DataTable';
import { RunReport } from '@/components/ui/RunReport';

/** Category colours as classes (light and dark), spelled out so Tailwind sees them. */
const SWATCH: Record<BreakdownCategory, string> = {
  conv: 'bg-[#d66a00] dark:bg-[#ffa54f]',
  depthwise: 'bg-[#0f7f78] dark:bg-[#4fd1c5]',
  elementwise: 'bg-[#3d8a2e] dark:bg-[#86d072]',
  data: 'bg-[#8a4f86] dark:bg-[#d59ad0]',
  other: 'bg-[#6b7280] dark:bg-[#a3a9b4]',
};

/** One stacked bar of shares (0..1) per category; HTML, so its text stays legible on a phone. */
function ShareBar({ cats, share, label }: { cats: readonly CategoryTotal[]; share: 'msShare' | 'macsShare'; label: string }) {
  const x = scaleLinear().domain([0, 1]).range([0, 100]).clamp(true);
  return (
    <div className="mt-2">
      <p className="mb-1 text-xs text-slate-700 dark:text-slate-300">{label}</p>
      <div
        className="flex h-6 w-full overflow-hidden rounded"
        role="img"
        aria-label={`${label}: ${cats.map((c) => `${c.label} ${formatPercent(c[share])}`).join(', ')}`}
      >
        {cats.map((c) => (
          <div
            key={c.category}
            title={`${c.label}: ${formatPercent(c[share])}`}
            className={`flex items-center justify-center overflow-hidden text-[11px] font-medium text-white dark:text-slate-950 ${SWATCH[c.category]}`}
            style={{ width: `${x(c[share])}%` }}
          >
            {c[share] >= 0.08 ? `${Math.round(c[share] * 100)}%` : ''}
          </div>
        ))}
      </div>
    </div>
  );
}

export function TimeBreakdownWidget({ state, onChange }: WidgetProps<TimeBreakdownSchema>) {
  const job = useTfjsJob();
  const [result, setResult] = useState<BreakdownResult | null>(null);

  const run = async () => {
    setResult(null);
    const { profileBreakdown } = await import('@/lib/widgets/time-breakdown/run');
    const r = await job.run('Profiling layer by layer', (ctx) =>
      profileBreakdown({ size: Number(state.size), reduced: state.reduced, backend: state.backend, ...ctx.request, onProgress: (d, t) => ctx.progress(d, t) }),
    );
    if (r) setResult(r);
  };

  const cats = result?.categories ?? [];
  const sumMs = cats.reduce((s, c) => s + c.ms, 0);

  return (
    <div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Select
          label="Input size"
          control="size"
          value={state.size}
          disabled={job.running}
          onChange={(size) => onChange({ size })}
          options={BREAKDOWN_SIZES.map((s) => [s, `${s}×${s}`] as const)}
        />
        <BackendSelect value={state.backend} choices={BACKEND_CHOICES} disabled={job.running} onChange={(backend) => onChange({ backend })} />
        <Toggle
          className="col-span-2 self-end pb-1 sm:col-span-1"
          label="Quick run"
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
          <Link href="/models/shufflenet_v2_x1_0" className="text-xs text-accent-700 underline dark:text-accent-300">
            Open the model lab
          </Link>
        }
      >
        Profile shufflenet_v2_x1_0
      </RunButton>
      <RunReport backend={job.backend} requested={state.backend} tensors={job.tensors} />

      {result && (
        <div className="mt-4" data-testid="time-breakdown-result">
          <ShareBar cats={cats} share="msShare" label={`Measured time (sum of layers ${formatMs(sumMs)})`} />
          <ShareBar cats={cats} share="macsShare" label="Share of FLOPs (multiply-adds)" />
          <DataTable
            caption={
              <>
                shufflenet_v2_x1_0 at {result.size}×{result.size}, seeded weights, median of {result.profile.repeats} layer-by-layer passes (
                {timerLabel(result.profile.timers)}). Whole-model forward pass: {formatMs(result.profile.wholeMs)}.
              </>
            }
            className="min-w-[28rem] text-xs"
          >
            <TableHead
              columns={[
                'Op kind',
                { label: 'Layers', align: 'right' },
                { label: 'Time', align: 'right' },
                { label: 'Share of time', align: 'right' },
                { label: 'Share of FLOPs', align: 'right' },
              ]}
            />
            <tbody>
              {cats.map((c) => (
                <tr
                  key={c.category}
                  className="border-b border-slate-100 dark:border-slate-800"
                  data-testid={`breakdown-${c.category}`}
                  data-share={c.msShare.toFixed(4)}
                >
                  <th scope="row" className="py-1 pr-2 font-normal">
                    <span className={`mr-1.5 inline-block h-2.5 w-2.5 rounded-sm align-middle ${SWATCH[c.category]}`} aria-hidden="true" />
                    {c.label}
                  </th>
                  <td className="py-1 pr-2 text-right tabular-nums">{c.layers}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{formatMs(c.ms)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{formatPercent(c.msShare)}</td>
                  <td className="py-1 text-right tabular-nums">{formatPercent(c.macsShare)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            Each layer is timed on its own here, so every layer pays a launch and a sync; the sum of the layers is{' '}
            {Number.isFinite(result.profile.relativeGap) ? `${Math.round(result.profile.relativeGap * 100)}% ` : ''}
            {result.profile.relativeGap >= 0 ? 'above' : 'below'} the whole forward pass. That fixed cost per layer weighs most on cheap layers, so read the
            element-wise and data-movement shares as upper bounds.
          </p>
        </div>
      )}
    </div>
  );
}
