'use client';

/**
 * The search's candidates: multiply-adds against latency measured here, the Pareto front as a
 * staircase, the target T as a dashed line. D3 computes the scales and ticks; React draws.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { Axis } from '@/components/charts/Axis';
import { axisTicks, plotFrame } from '@/components/charts/ticks';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { formatMillions, formatMs, formatPercent } from '@/lib/format';
import { paretoFront, type SearchPoint } from '@/lib/widgets/search-space/search';

const CW_MAX = 640;

export function SearchChart({
  points,
  targetMs,
  size,
  onPick,
}: {
  points: readonly SearchPoint[];
  targetMs: number | null;
  size: number;
  onPick: (p: SearchPoint) => void;
}) {
  const [chartRef, CW] = useElementWidth({ initial: CW_MAX, min: 280, max: CW_MAX });
  const narrow = CW < 480;
  const CH = narrow ? 260 : 320;
  const CM = { top: 14, right: 16, bottom: 42, left: 60 };
  const front = paretoFront(points);
  const lat = points.map((p) => p.latencyMs).concat(targetMs ?? []);
  const macs = points.map((p) => p.macs / 1e6);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...lat) * 1.08])
    .range([CM.left, CW - CM.right])
    .nice();
  const y = scaleLinear()
    .domain([0, Math.max(1, ...macs) * 1.1])
    .range([CH - CM.bottom, CM.top])
    .nice();
  const frame = plotFrame(CW, CH, CM);
  const frontPts = points.filter((_, i) => front[i]).sort((a, b) => a.latencyMs - b.latencyMs);
  // The front as a staircase: up to each front point's MACs, then right to the next.
  const stairs: Array<[number, number]> = [];
  frontPts.forEach((p, i) => {
    if (i > 0) stairs.push([p.latencyMs, frontPts[i - 1].macs / 1e6]);
    stairs.push([p.latencyMs, p.macs / 1e6]);
  });
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))(stairs);
  return (
    <div ref={chartRef} className="w-full">
      <svg
        width={CW}
        height={CH}
        viewBox={`0 0 ${CW} ${CH}`}
        className="block max-w-full"
        role="img"
        aria-label={`Multiply-adds against measured latency for ${points.length} sampled architectures; ${frontPts.length} on the Pareto front`}
      >
        <Axis
          orient="bottom"
          ticks={axisTicks(x, { count: narrow ? 4 : 6, format: String })}
          frame={frame}
          label={`Measured latency here at ${size}×${size} (ms)`}
          labelOffset={CM.bottom - 6}
          fontSize={11}
        />
        <Axis
          orient="left"
          ticks={axisTicks(y, { count: 5, format: (t) => `${t}M` })}
          frame={frame}
          label="Multiply-adds at 224×224"
          labelOffset={CM.left - 12}
          fontSize={11}
        />
        {targetMs !== null && (
          <g>
            <line x1={x(targetMs)} x2={x(targetMs)} y1={CM.top} y2={CH - CM.bottom} stroke="currentColor" strokeDasharray="4 3" className="text-slate-500" />
            <text x={x(targetMs) + 4} y={CM.top + 10} fontSize={11} className="fill-slate-600 dark:fill-slate-400">
              {narrow ? `T = ${formatMs(targetMs)}` : `T = MobileNetV2 here (${formatMs(targetMs)})`}
            </text>
          </g>
        )}
        {path && <path d={path} fill="none" strokeWidth={1.5} className="stroke-accent-600 dark:stroke-accent-300" strokeDasharray="5 3" />}
        {points.map((p, i) => (
          <circle
            key={p.index}
            cx={x(p.latencyMs)}
            cy={y(p.macs / 1e6)}
            r={front[i] ? 5.5 : 4}
            className={front[i] ? 'cursor-pointer fill-accent-600 dark:fill-accent-300' : 'cursor-pointer fill-slate-400 dark:fill-slate-500'}
            stroke="white"
            strokeWidth={1}
            data-front={front[i] ? 'true' : 'false'}
            onClick={() => onPick(p)}
          >
            <title>{`#${p.index + 1}: ${formatMs(p.latencyMs)}, ${formatMillions(p.macs)} MACs, stand-in accuracy ${formatPercent(p.accuracy)}, reward ${p.reward.toFixed(4)}${front[i] ? ' (Pareto front)' : ''}`}</title>
          </circle>
        ))}
      </svg>
    </div>
  );
}
