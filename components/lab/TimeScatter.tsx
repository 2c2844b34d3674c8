'use client';

import { ChartSvg } from '@/components/charts/ChartSvg';
import { type Ref, useMemo } from 'react';
import { scaleLog } from 'd3';
import { Axis } from '@/components/charts/Axis';
import { axisTicks } from '@/components/charts/ticks';
import { formatCount, formatGflops, formatMacs, formatMs, formatSig, trimZeros } from '@/lib/format';
import { OP_KIND_LABELS, type DisplayOpKind, kindColour } from '@/lib/lab/op-kind';
import type { ProfileRow } from '@/lib/lab/profile-stats';

export interface TimeScatterProps {
  readonly rows: readonly ProfileRow[];
  readonly width: number;
  /** Axis label for y, naming the timer. */
  readonly timerText: string;
  readonly highlight: string | null;
  readonly onHighlight?: (layer: string | null) => void;
  readonly title: string;
  readonly svgRef?: Ref<SVGSVGElement>;
}

const M = { top: 8, right: 14, bottom: 44, left: 58 };
const ZERO_BAND = 46;
const GAP = 14;

/** Stable pseudo-random jitter in [-1, 1] from a name, so the zero-MAC strip is reproducible. */
function jitter(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return ((h >>> 0) / 4294967295) * 2 - 1;
}

/** Legend items laid out in rows that wrap at the plot width. */
function legendLayout(kinds: readonly DisplayOpKind[], width: number): { items: Array<{ kind: DisplayOpKind; x: number; y: number }>; height: number } {
  const items: Array<{ kind: DisplayOpKind; x: number; y: number }> = [];
  let x = M.left;
  let y = 10;
  for (const kind of kinds) {
    const w = 18 + OP_KIND_LABELS[kind].length * 6.2 + 14;
    if (x + w > width - M.right && x > M.left) {
      x = M.left;
      y += 18;
    }
    items.push({ kind, x, y });
    x += w;
  }
  return { items, height: y + 14 };
}

/**
 * Every layer's MACs against its measured time on log–log axes, coloured by op kind. Layers with
 * 0 MACs (BN, ReLU, add, concat, pooling...) sit on their own strip at the left, so they are
 * visible instead of being dropped by the log axis; a layer without a positive time sits on the
 * bottom edge as a hollow marker. D3 computes the scales and ticks; React renders the SVG.
 */
export function TimeScatter({ rows, width, timerText, highlight, onHighlight, title, svgRef }: TimeScatterProps) {
  const kinds = useMemo(() => [...new Set(rows.map((r) => r.kind))], [rows]);
  const legend = legendLayout(kinds, width);
  const plotTop = legend.height + M.top + 4;
  const plotH = Math.max(180, Math.min(340, Math.round(width * 0.5)));
  const height = plotTop + plotH + M.bottom;

  const { x, y, xTicks, yTicks, yMin } = useMemo(() => {
    const macs = rows.map((r) => r.macs).filter((v) => v > 0);
    const times = rows.map((r) => r.ms).filter((v) => Number.isFinite(v) && v > 0);
    const xLo = macs.length ? Math.min(...macs) / 1.5 : 1e3;
    const xHi = macs.length ? Math.max(...macs) * 1.5 : 1e9;
    const yLo = times.length ? Math.min(...times) / 1.5 : 1e-3;
    const yHi = times.length ? Math.max(...times) * 1.5 : 1;
    const xs = scaleLog()
      .domain([xLo, xHi])
      .range([M.left + ZERO_BAND + GAP, width - M.right]);
    const ys = scaleLog()
      .domain([yLo, yHi])
      .range([plotTop + plotH, plotTop]);
    const xt = axisTicks(xs, { count: 10, decades: true, fallbackCount: 4, format: (t) => formatCount(t, { trim: true }) });
    const yt = axisTicks(ys, { count: 10, decades: true, fallbackCount: 4, format: (t) => trimZeros(formatSig(t)) });
    return { x: xs, y: ys, xTicks: xt, yTicks: yt, yMin: yLo };
  }, [rows, width, plotTop, plotH]);

  const zeroX0 = M.left + 4;
  const zeroX1 = M.left + ZERO_BAND;
  const bottom = plotTop + plotH;

  const points = rows.map((r) => {
    const timed = Number.isFinite(r.ms) && r.ms > 0;
    const cx = r.macs > 0 ? x(r.macs) : (zeroX0 + zeroX1) / 2 + (jitter(r.name) * (zeroX1 - zeroX0 - 8)) / 2;
    const cy = timed ? y(r.ms) : y(yMin);
    return { r, cx, cy, timed };
  });
  // Draw the highlighted point last so it is on top.
  points.sort((a, b) => Number(a.r.name === highlight) - Number(b.r.name === highlight));

  return (
    <ChartSvg width={width} height={height} title={title} svgRef={svgRef} testId="time-scatter" onMouseLeave={() => onHighlight?.(null)}>
      <g aria-hidden="true">
        {legend.items.map(({ kind, x: lx, y: ly }) => (
          <g key={kind} transform={`translate(${lx},${ly})`}>
            <circle cx={5} cy={0} r={5} fill={kindColour(kind)} />
            <text x={14} y={0} dominantBaseline="central" fill="currentColor">
              {OP_KIND_LABELS[kind]}
            </text>
          </g>
        ))}
      </g>
      <g aria-hidden="true">
        {/* zero-MAC strip */}
        <rect x={zeroX0} y={plotTop} width={zeroX1 - zeroX0} height={plotH} fill="currentColor" fillOpacity={0.06} />
        <text x={(zeroX0 + zeroX1) / 2} y={bottom + 16} textAnchor="middle" fill="currentColor">
          0 MACs
        </text>
        {/* grid and ticks; the horizontal gridlines also cross the zero-MAC strip */}
        <Axis orient="bottom" ticks={xTicks} frame={{ left: zeroX0, right: width - M.right, top: plotTop, bottom }} fontSize={11} />
        <Axis orient="left" ticks={yTicks} frame={{ left: M.left, right: width - M.right, top: plotTop, bottom }} fontSize={11} />
        <line x1={x.range()[0]} x2={width - M.right} y1={bottom} y2={bottom} stroke="currentColor" strokeOpacity={0.5} />
        <line x1={zeroX0} x2={zeroX0} y1={plotTop} y2={bottom} stroke="currentColor" strokeOpacity={0.5} />
        <text x={(x.range()[0] + width - M.right) / 2} y={bottom + 34} textAnchor="middle" fill="currentColor">
          MACs per layer (log scale)
        </text>
        <text transform={`translate(12,${plotTop + plotH / 2}) rotate(-90)`} textAnchor="middle" fill="currentColor">
          ms per layer (log): {timerText}
        </text>
      </g>
      <g>
        {points.map(({ r, cx, cy, timed }) => {
          const on = r.name === highlight;
          return (
            <circle
              key={r.name}
              data-layer={r.name}
              data-kind={r.kind}
              cx={cx}
              cy={cy}
              r={on ? 6.5 : 3.6}
              fill={timed ? kindColour(r.kind) : 'none'}
              stroke={timed ? 'currentColor' : kindColour(r.kind)}
              strokeOpacity={timed ? (on ? 1 : 0.25) : 1}
              strokeWidth={on ? 2 : timed ? 0.6 : 1.4}
              fillOpacity={0.85}
              onMouseEnter={() => onHighlight?.(r.name)}
            >
              <title>{`${r.name} · ${OP_KIND_LABELS[r.kind]}\n${formatMacs(r.macs)} · ${timed ? formatMs(r.ms) : 'no measurable time'}${r.macs > 0 && timed ? ` · ${formatGflops(r.gflops)}` : ''}`}</title>
            </circle>
          );
        })}
      </g>
    </ChartSvg>
  );
}
