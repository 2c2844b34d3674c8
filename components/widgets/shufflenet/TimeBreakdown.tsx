'use client';

/**
 * Where shufflenet_v2_x1_0 spends its time on the reader's device, by op kind (as the paper's
 * Figure 2 does for ShuffleNet v1 and MobileNet v2), next to where its FLOPs are, and every step on
 * this device's measured roofline: the depthwise convs, splits, concats and shuffles far left,
 * memory-bound (the paper's G1 and G4, on the reader's device). Profiled step by step with
 * lib/runtime/profiler.ts after a click; aggregated with lib/lab's helpers.
 */
import { scaleLinear } from 'd3-scale';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { roofsOf, timerLabel, type LabProfile } from '@/lib/lab/profile-stats';
import { KindColours } from '@/components/lab/KindColours';
import { RooflineChart, rooflineText } from '@/components/lab/RooflineChart';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { Legend } from '@/components/ui/Legend';
import { OP_KIND_LABELS, kindColour } from '@/lib/lab/op-kind';
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
import { formatGBps, formatGflops, formatMs, formatPercent, formatSig, trimZeros } from '@/lib/format';
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
    const r = await job.run('Profiling step by step', (ctx) =>
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
        <div className="mt-4" data-testid="time-breakdown-result" data-fused={result.profile.rows.reduce((n, r) => n + r.nodes.length - 1, 0)}>
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
            Each layer is a step of the real forward pass, timed in place. Here all {result.profile.rows.reduce((n, r) => n + r.nodes.length - 1, 0)} BatchNorms
            and ReLUs run inside their convolution’s kernel (one fused kernel, as the paper’s platforms ran with tensor fusion on), so their time is in the
            convolution rows and there is no element-wise row: fusing is how runtimes answer G4. The layers add up to {formatMs(result.profile.sumLayersMs)}{' '}
            against {formatMs(result.profile.wholeMs)} for the whole pass (
            {Number.isFinite(result.profile.relativeGap) ? `${Math.round(result.profile.relativeGap * 100)}%` : '—'}).
          </p>
          <BreakdownRoofline profile={result.profile} />
        </div>
      )}
    </div>
  );
}

/** Every step on this device's measured roofline, and the share of time spent left of the ridge. */
function BreakdownRoofline({ profile }: { profile: LabProfile }) {
  const [ref, width] = useElementWidth();
  const [highlight, setHighlight] = useState<string | null>(null);
  const roofs = roofsOf(profile.device);
  const kinds = useMemo(() => [...new Set(profile.rows.map((r) => r.kind))], [profile]);
  const memory = useMemo(() => {
    const timed = profile.rows.filter((r) => Number.isFinite(r.ms) && r.bound !== null);
    const total = timed.reduce((s, r) => s + r.ms, 0);
    return total > 0 ? timed.filter((r) => r.bound === 'memory').reduce((s, r) => s + r.ms, 0) / total : NaN;
  }, [profile]);
  if (!roofs || !profile.device) return null;
  const row = highlight ? profile.rows.find((r) => r.name === highlight) : undefined;
  return (
    <figure ref={ref} className="mt-4 space-y-2" data-testid="breakdown-roofline">
      <KindColours />
      <figcaption className="text-sm font-semibold text-slate-900 dark:text-white">Every layer on your device’s roofline</figcaption>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        This device, measured: {formatGflops(roofs.peakGflops)} at best, {formatGBps(roofs.peakGBps)} from memory; below{' '}
        {trimZeros(formatSig(roofs.peakGflops / roofs.peakGBps))} FLOP per byte a layer is bound by memory, not arithmetic. Layers left of that ridge took{' '}
        {formatPercent(memory)} of the time.
      </p>
      <Legend items={kinds.map((k) => ({ key: k, swatch: { shape: 'dot', color: kindColour(k) }, label: OP_KIND_LABELS[k] }))} />
      {width > 0 && (
        <RooflineChart
          rows={profile.rows}
          roofs={roofs}
          width={width}
          highlight={highlight}
          onHighlight={setHighlight}
          onSelect={setHighlight}
          title={`shufflenet_v2_x1_0 at ${profile.size}×${profile.size}: every layer's FLOPs per byte against its attained GFLOP/s, under this device's roofs`}
        />
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {row ? rooflineText(row) : 'Hover a point, or focus the chart and use the arrow keys, to read a layer.'}
      </p>
    </figure>
  );
}
