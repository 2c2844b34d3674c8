'use client';

import { scaleLinear, scaleLog } from 'd3-scale';
import { Axis } from '@/components/charts/Axis';
import { axisTicks, plotFrame } from '@/components/charts/ticks';
import { formatPercent } from '@/lib/format';

export interface ComparePoint {
  readonly key: string;
  /** > 0 (log axis). */
  readonly x: number;
  /** Test accuracy, 0..1. */
  readonly y: number;
  readonly label: string;
  readonly color: string;
}

const W = 300;
const H = 210;
const M = { top: 10, right: 14, bottom: 40, left: 46 };

/**
 * Test accuracy against one cost (parameters, MACs or measured ms per image), one labelled point
 * per trained model: the papers' claims in miniature. x is logarithmic (the models differ by
 * factors), y linear. D3 computes scales and ticks; React draws.
 */
export function CompareScatter({
  points,
  xLabel,
  title,
  xFormat,
}: {
  points: readonly ComparePoint[];
  xLabel: string;
  title: string;
  xFormat: (v: number) => string;
}) {
  const ok = points.filter((p) => p.x > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
  const frame = plotFrame(W, H, M);
  const xs = ok.map((p) => p.x);
  const lo = Math.min(...xs, Infinity);
  const hi = Math.max(...xs, -Infinity);
  const x = scaleLog()
    .domain(ok.length ? (lo === hi ? [lo / 2, hi * 2] : [lo / 1.4, hi * 1.4]) : [1, 10])
    .range([frame.left, frame.right]);
  const ys = ok.map((p) => p.y);
  const yLo = Math.max(0, Math.min(...ys, 1) - 0.05);
  const y = scaleLinear().domain([yLo, 1]).nice().range([frame.bottom, frame.top]);
  const xTicks = axisTicks(x, { count: 4, format: x.tickFormat(4, '~s') });
  const yTicks = axisTicks(y, { count: 4, format: (v) => formatPercent(v, 2) });
  const summary = ok.map((p) => `${p.label}: ${formatPercent(p.y)} at ${xFormat(p.x)}`).join('; ');
  const labels = labelPositions(ok.map((p) => ({ x: x(p.x), y: y(p.y), text: p.label })));
  return (
    <figure className="min-w-0" data-testid="compare-scatter" data-points={ok.length}>
      <figcaption className="mb-1 text-[13px] font-medium text-slate-900 dark:text-slate-100">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-sm" role="img" aria-label={`${title}: ${summary || 'no model finished yet'}`}>
        <Axis orient="bottom" ticks={xTicks} frame={frame} label={xLabel} labelOffset={32} baseline />
        <Axis orient="left" ticks={yTicks} frame={frame} label="test accuracy" labelOffset={36} baseline />
        {ok.map((p, i) => {
          const l = labels[i];
          return (
            <g key={p.key} data-point={p.key}>
              <circle cx={x(p.x)} cy={y(p.y)} r={4.5} fill={p.color} className="stroke-white dark:stroke-slate-950" strokeWidth={1}>
                <title>{`${p.label}: ${formatPercent(p.y)}, ${xFormat(p.x)}`}</title>
              </circle>
              <text x={l.x} y={l.y} dy="0.32em" textAnchor={l.anchor} fontSize={10} className="fill-slate-800 dark:fill-slate-200">
                {p.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const LINE = 12;
const CHAR = 5.6;

/**
 * Where each point's label goes: beside the point (to its left in the right part of the plot, so
 * it stays inside), moved down a line at a time while it would overlap a label placed before it.
 */
function labelPositions(points: readonly { x: number; y: number; text: string }[]): { x: number; y: number; anchor: 'start' | 'end' }[] {
  const placed: { x0: number; x1: number; y: number }[] = [];
  return points.map((p) => {
    const right = p.x > W * 0.62;
    const w = p.text.length * CHAR;
    const x0 = right ? p.x - 7 - w : p.x + 7;
    let y = p.y;
    while (placed.some((q) => Math.abs(q.y - y) < LINE && x0 < q.x1 && x0 + w > q.x0)) y += LINE;
    placed.push({ x0, x1: x0 + w, y });
    return { x: right ? p.x - 7 : p.x + 7, y, anchor: right ? 'end' : 'start' };
  });
}
