'use client';

/**
 * MnasNet's reward ACC·(LAT/T)^w against latency: a curve at a fixed accuracy, sliders for α, β and
 * T, presets for the soft and hard constraint, and the published models placed by their own
 * accuracy and Pixel 1 latency. D3 computes scales and the line; React draws.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useMemo } from 'react';
import { HARD, SOFT, constraintKind, rankModels, reward, rewardCurve, type PublishedModel } from '@/lib/widgets/reward-explorer/reward';
import type { RewardExplorerSchema } from '@/lib/widgets/reward-explorer/meta';
import type { WidgetProps } from '@/lib/widgets/types';
import { Axis } from '@/components/charts/Axis';
import { axisTicks, plotFrame } from '@/components/charts/ticks';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { Button } from '@/components/ui/Button';
import { Slider } from '@/components/ui/Slider';
import { formatFixed, formatPercent } from '@/lib/format';
import { TableHead } from '@/components/ui/TableHead';
import { DataTable } from '@/components/ui/DataTable';

const W_MAX = 640;
const MAX_MS = 250;

const KIND_CLASS: Record<PublishedModel['kind'], string> = {
  manual: 'fill-slate-500 dark:fill-slate-400',
  auto: 'fill-[#b8232f] dark:fill-[#ff7b84]',
  mnasnet: 'fill-accent-600 dark:fill-accent-300',
};

const signed = (v: number) => formatFixed(v, 2);

export function RewardExplorerWidget({ state, onChange }: WidgetProps<RewardExplorerSchema>) {
  const p = { alpha: state.alpha, beta: state.beta, target: state.target };
  const kind = constraintKind(state.alpha, state.beta);
  const ranked = useMemo(() => rankModels({ alpha: state.alpha, beta: state.beta, target: state.target }), [state.alpha, state.beta, state.target]);
  const curve = useMemo(
    () => rewardCurve(state.accuracy, { alpha: state.alpha, beta: state.beta, target: state.target }, 5, MAX_MS, 240),
    [state.accuracy, state.alpha, state.beta, state.target],
  );

  const [chartRef, W] = useElementWidth({ initial: W_MAX, min: 280, max: W_MAX });
  const narrow = W < 480;
  const H = narrow ? 280 : 330;
  const M = { top: 14, right: narrow ? 108 : 118, bottom: 42, left: 54 };
  const ys = [...curve.map((c) => c[1]), ...ranked.map((m) => m.reward)].filter(Number.isFinite);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = Math.max(0.01, (hi - lo) * 0.08);
  const x = scaleLinear()
    .domain([0, MAX_MS])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([Math.max(0, lo - pad), hi + pad])
    .range([H - M.bottom, M.top])
    .nice();
  const frame = plotFrame(W, H, M);
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(Math.max(y.domain()[0], d[1])))(curve);

  // Labels right of their points, nudged apart vertically so they stay legible.
  const labels = [...ranked].sort((a, b) => y(a.reward) - y(b.reward));
  const placed: number[] = [];
  for (const m of labels) {
    let ly = y(m.reward);
    const prev = placed.at(-1);
    if (prev !== undefined && ly - prev < 12) ly = prev + 12;
    placed.push(ly);
  }

  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-400">Constraint:</span>
        <Button pressed={kind === 'soft'} onClick={() => onChange({ ...SOFT })}>
          Soft (α = β = −0.07)
        </Button>
        <Button pressed={kind === 'hard'} onClick={() => onChange({ ...HARD })}>
          Hard (α = 0, β = −1)
        </Button>
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="constraint-kind">
          now: {kind}
        </span>
      </div>
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Slider
          control="alpha"
          label="α (LAT ≤ T)"
          value={state.alpha}
          min={-1}
          max={0.5}
          step={0.01}
          onChange={(v) => onChange({ alpha: v })}
          format={signed}
        />
        <Slider control="beta" label="β (LAT > T)" value={state.beta} min={-2} max={0.5} step={0.01} onChange={(v) => onChange({ beta: v })} format={signed} />
        <Slider
          control="target"
          label="Target latency T"
          value={state.target}
          min={20}
          max={250}
          step={1}
          onChange={(v) => onChange({ target: v })}
          format={(v) => `${v} ms`}
        />
        <Slider
          control="accuracy"
          label="Accuracy of the drawn curve"
          value={state.accuracy}
          min={0.5}
          max={0.9}
          step={0.005}
          onChange={(v) => onChange({ accuracy: v })}
          format={(v) => formatPercent(v)}
        />
      </div>

      <div ref={chartRef} className="mt-3 w-full">
        <svg
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          className="block max-w-full"
          role="img"
          aria-label={`Reward against latency: the curve for ${formatPercent(state.accuracy)} accuracy and ${ranked.length} published models`}
        >
          <Axis
            orient="bottom"
            ticks={axisTicks(x, { count: narrow ? 4 : 5, format: String })}
            frame={frame}
            label="Latency on a Pixel 1 (ms)"
            labelOffset={M.bottom - 6}
            fontSize={11}
          />
          <Axis
            orient="left"
            ticks={axisTicks(y, { count: 5, format: (t) => formatFixed(t, 2) })}
            frame={frame}
            label="Reward"
            labelOffset={M.left - 12}
            fontSize={11}
          />
          <line x1={x(state.target)} x2={x(state.target)} y1={M.top} y2={H - M.bottom} stroke="currentColor" strokeDasharray="4 3" className="text-slate-500" />
          <text x={x(state.target) + 4} y={M.top + 10} fontSize={11} className="fill-slate-600 dark:fill-slate-400">
            T = {state.target} ms
          </text>
          {path && <path d={path} fill="none" strokeWidth={2} className="stroke-accent-600 dark:stroke-accent-300" />}
          {ranked.map((m) => (
            <circle key={m.name} cx={x(m.latencyMs)} cy={y(m.reward)} r={4.5} className={KIND_CLASS[m.kind]} stroke="white" strokeWidth={1}>
              <title>{`${m.name}: ${formatPercent(m.top1)} top-1, ${m.latencyMs} ms, reward ${m.reward.toFixed(4)}`}</title>
            </circle>
          ))}
          {labels.map((m, i) => (
            <g key={`l-${m.name}`}>
              <line x1={x(m.latencyMs) + 5} y1={y(m.reward)} x2={W - M.right + 6} y2={placed[i]} stroke="currentColor" strokeOpacity={0.25} />
              <text x={W - M.right + 9} y={placed[i]} dy="0.32em" fontSize={narrow ? 10 : 10.5} className="fill-slate-700 dark:fill-slate-300">
                {m.name}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Curve: a model with {formatPercent(state.accuracy)} accuracy at every latency; at LAT = T its reward equals its accuracy. Dots: published models at
        their own accuracy (MnasNet in blue, NASNet-A in red, hand-designed in grey).
      </p>

      <DataTable
        caption={<>Published ImageNet top-1 and Pixel 1 latency (MnasNet paper, Tables 1-2), scored with the current α, β and T.</>}
        className="min-w-[20rem] text-xs"
        tableData={{ 'data-testid': 'reward-table' }}
      >
        <TableHead columns={['Rank', 'Model', { label: 'Top-1', align: 'right' }, { label: 'Latency', align: 'right' }, { label: 'Reward', align: 'right' }]} />
        <tbody>
          {ranked.map((m) => (
            <tr key={m.name} className="border-b border-slate-100 dark:border-slate-800" data-testid={`reward-row-${m.name}`} data-reward={m.reward.toFixed(6)}>
              <td className="py-1 pr-2 tabular-nums">{m.rank}</td>
              <th scope="row" className="py-1 pr-2 font-normal">
                {m.name}
              </th>
              <td className="py-1 pr-2 text-right tabular-nums">{formatPercent(m.top1)}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{m.latencyMs} ms</td>
              <td className="py-1 text-right font-medium tabular-nums">{m.reward.toFixed(4)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        Check: MnasNet-A1 at T = {state.target} ms scores 0.752 × (78 / {state.target})<sup>{78 <= state.target ? 'α' : 'β'}</sup> ={' '}
        {reward(0.752, 78, p).toFixed(4)}.
      </p>
    </div>
  );
}
