import { scaleLog } from 'd3-scale';

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
  const x = scaleLog().domain(pad(Math.min(...xs), Math.max(...xs))).range([M.left, W - M.right]);
  const y = scaleLog().domain(pad(Math.min(...ys), Math.max(...ys))).range([H - M.bottom, M.top]);
  // Log scales offer a tick per digit; keep the labelled ones so the grid stays quiet.
  const ticks = (s: ReturnType<typeof scaleLog<number, number>>) => {
    const f = s.tickFormat(5, '~s');
    return s
      .ticks(5)
      .map((t) => ({ t, label: f(t) }))
      .filter((d) => d.label !== '');
  };
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={title}>
      <title>{title}</title>
      <g fontSize={10}>
        {ticks(x).map(({ t, label }) => (
          <g key={`x${t}`} transform={`translate(${x(t)},0)`}>
            <line y1={M.top} y2={H - M.bottom} className="stroke-slate-200 dark:stroke-slate-800" />
            <text y={H - M.bottom + 14} textAnchor="middle" className="fill-slate-600 dark:fill-slate-400">
              {label}
            </text>
          </g>
        ))}
        {ticks(y).map(({ t, label }) => (
          <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
            <line x1={M.left} x2={W - M.right} className="stroke-slate-200 dark:stroke-slate-800" />
            <text x={M.left - 6} dy="0.32em" textAnchor="end" className="fill-slate-600 dark:fill-slate-400">
              {label}
            </text>
          </g>
        ))}
      </g>
      <text x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle" fontSize={11} className="fill-slate-700 dark:fill-slate-300">
        {xLabel}
      </text>
      <text transform={`translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={11} className="fill-slate-700 dark:fill-slate-300">
        {yLabel}
      </text>
      {points.map((p) => (
        <g key={p.key} data-point={p.key}>
          <circle cx={x(p.x)} cy={y(p.y)} r={p.emphasis ? 5 : 3.5} fill={p.color} fillOpacity={p.emphasis ? 1 : 0.55} className="stroke-white dark:stroke-slate-950" strokeWidth={1}>
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
