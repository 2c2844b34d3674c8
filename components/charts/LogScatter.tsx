import { scaleLog } from 'd3-scale';
import { Axis } from './Axis';
import { axisTicks, plotFrame } from './ticks';

export interface ScatterPoint {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly color: string;
  /** Drawn larger with a label; the others are context. */
  readonly emphasis?: boolean;
}

const W = 520;
const H = 340;
const M = { top: 14, right: 20, bottom: 46, left: 60 };

/**
 * A log–log scatter. D3 computes scales and ticks; React renders the SVG, so it works in server
 * and client components alike.
 */
export function LogScatter({ points, xLabel, yLabel, title }: { points: readonly ScatterPoint[]; xLabel: string; yLabel: string; title: string }) {
  if (points.length === 0) return null;
  const pad = (lo: number, hi: number) => (lo === hi ? [lo / 2, hi * 2] : [lo / 1.3, hi * 1.3]);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = scaleLog()
    .domain(pad(Math.min(...xs), Math.max(...xs)))
    .range([M.left, W - M.right]);
  const y = scaleLog()
    .domain(pad(Math.min(...ys), Math.max(...ys)))
    .range([H - M.bottom, M.top]);
  const frame = plotFrame(W, H, M);
  // Log scales offer a tick per digit; d3's '~s' format leaves the minor ones unlabelled, and
  // axisTicks drops those, so the grid stays quiet.
  const xTicks = axisTicks(x, { count: 5, format: x.tickFormat(5, '~s') });
  const yTicks = axisTicks(y, { count: 5, format: y.tickFormat(5, '~s') });
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={title}>
      <title>{title}</title>
      <Axis orient="bottom" ticks={xTicks} frame={frame} label={xLabel} labelOffset={M.bottom - 8} />
      <Axis orient="left" ticks={yTicks} frame={frame} label={yLabel} labelOffset={M.left - 14} />
      {points.map((p) => (
        <g key={p.key} data-point={p.key}>
          <circle
            cx={x(p.x)}
            cy={y(p.y)}
            r={p.emphasis ? 5 : 3.5}
            fill={p.color}
            fillOpacity={p.emphasis ? 1 : 0.55}
            className="stroke-white dark:stroke-slate-950"
            strokeWidth={1}
          >
            <title>{p.label}</title>
          </circle>
          {p.emphasis ? (
            // Labels on the right third go to the left of their point, so they stay inside the chart.
            <text
              x={x(p.x) > W * 0.66 ? x(p.x) - 7 : x(p.x) + 7}
              textAnchor={x(p.x) > W * 0.66 ? 'end' : 'start'}
              y={y(p.y)}
              dy="0.32em"
              fontSize={10}
              className="fill-slate-800 dark:fill-slate-200"
            >
              {p.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
