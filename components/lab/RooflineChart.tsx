'use client';

import { ChartSvg } from '@/components/charts/ChartSvg';
import { type KeyboardEvent, type Ref, useMemo } from 'react';
import { scaleLog } from 'd3';
import { Axis } from '@/components/charts/Axis';
import { axisTicks, type PlotFrame } from '@/components/charts/ticks';
import type { Roofs } from '@/lib/arch/roofline';
import { formatGBps, formatGflops, formatIntensity, formatMs, formatPercent, formatSig, trimZeros } from '@/lib/format';
import { OP_KIND_LABELS, kindColour } from '@/lib/lab/op-kind';
import type { ProfileRow } from '@/lib/lab/profile-stats';
import { keyboardOrder, rooflineGeometry } from '@/lib/lab/roofline-chart';

export interface RooflineChartProps {
  readonly rows: readonly ProfileRow[];
  readonly roofs: Roofs;
  readonly width: number;
  readonly highlight: string | null;
  /** Hover and keyboard focus. */
  readonly onHighlight?: (layer: string | null) => void;
  /** Click, Enter or Space: select the layer (in the lab: in the graph and the table too). */
  readonly onSelect?: (layer: string) => void;
  readonly title: string;
  readonly svgRef?: Ref<SVGSVGElement>;
}

const M = { top: 12, right: 16, bottom: 46, left: 62 };
const STRIP = 40;
const GAP = 12;

/** One line describing a step on the roofline (tooltip, live region). */
export function rooflineText(r: ProfileRow): string {
  const where = r.flops > 0 ? `${formatIntensity(r.intensity)}, ${formatGflops(r.gflops)}` : `0 FLOPs, ${formatGBps(r.gbps)}`;
  const of = Number.isFinite(r.rooflineFraction)
    ? `${formatPercent(r.rooflineFraction)} of its ${r.bound === 'compute' ? 'compute' : 'memory'} roof`
    : 'no roof';
  const fused = r.nodes.length > 1 ? ` (with ${r.nodes.slice(1).join(', ')})` : '';
  return `${r.name}${fused} · ${OP_KIND_LABELS[r.kind]} · ${where} · ${formatMs(r.ms)} · ${of}`;
}

/**
 * The roofline (Williams et al. 2009) of the reader's device, measured, with one point per step of
 * the profiled forward pass: arithmetic intensity (FLOP per byte moved) against attained GFLOP/s,
 * log–log, coloured by op kind. The slanted roof is intensity × measured bandwidth, the flat one
 * the measured peak; a point's height under the roof above it is the fraction of the bound it
 * reached. Steps with no FLOPs (concat, slice, shuffle) sit in a strip at the left. D3 computes the
 * scales and ticks; React draws. Keyboard: the chart is one tab stop; ← → (Home, End) move between
 * layers from left to right, Enter or Space selects.
 */
export function RooflineChart({ rows, roofs, width, highlight, onHighlight, onSelect, title, svgRef }: RooflineChartProps) {
  const geo = useMemo(() => rooflineGeometry(rows, roofs), [rows, roofs]);
  const order = useMemo(() => keyboardOrder(geo.dots), [geo]);
  const plotH = Math.max(200, Math.min(360, Math.round(width * 0.55)));
  const height = M.top + plotH + M.bottom;
  const frame: PlotFrame = { left: M.left + STRIP + GAP, right: width - M.right, top: M.top, bottom: M.top + plotH };

  const { x, y, xTicks, yTicks } = useMemo(() => {
    const xs = scaleLog().domain(geo.xDomain).range([frame.left, frame.right]);
    const ys = scaleLog().domain(geo.yDomain).range([frame.bottom, frame.top]);
    const fmt = (t: number) => trimZeros(formatSig(t));
    return {
      x: xs,
      y: ys,
      xTicks: axisTicks(xs, { count: 10, decades: true, fallbackCount: 4, format: fmt }),
      yTicks: axisTicks(ys, { count: 10, decades: true, fallbackCount: 4, format: fmt }),
    };
  }, [geo, frame.left, frame.right, frame.bottom, frame.top]);

  const stripX0 = M.left + 4;
  const stripX1 = M.left + STRIP;
  const jitter = (name: string) => {
    let h = 2166136261;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
    return ((h >>> 0) / 4294967295) * 2 - 1;
  };
  const cx = (d: (typeof geo.dots)[number]) => (d.strip ? (stripX0 + stripX1) / 2 + (jitter(d.row.name) * (stripX1 - stripX0 - 10)) / 2 : x(d.x));
  const roofPath = geo.roof.map(([i, g], k) => `${k ? 'L' : 'M'}${x(i).toFixed(1)},${y(g).toFixed(1)}`).join(' ');
  const [, ridgeY] = [x(geo.ridge), y(roofs.peakGflops)];
  // The bandwidth roof's label sits along its slope, a third of the way to the ridge.
  const bwAt = Math.sqrt(geo.xDomain[0] * geo.ridge);
  const slope = Math.atan2(y(bwAt * 2 * roofs.peakGBps) - y(bwAt * roofs.peakGBps), x(bwAt * 2) - x(bwAt)) * (180 / Math.PI);
  const dots = [...geo.dots].sort((a, b) => Number(a.row.name === highlight) - Number(b.row.name === highlight));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!order.length) return;
    const i = order.findIndex((d) => d.row.name === highlight);
    const move = (j: number) => {
      e.preventDefault();
      onHighlight?.(order[Math.max(0, Math.min(order.length - 1, j))].row.name);
    };
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(i < 0 ? 0 : i + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(i < 0 ? 0 : i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(order.length - 1);
    else if ((e.key === 'Enter' || e.key === ' ') && highlight) {
      e.preventDefault();
      onSelect?.(highlight);
    }
  };

  return (
    <div
      tabIndex={0}
      role="group"
      aria-label={`${title}. Use the arrow keys to move between layers, Enter to select one.`}
      onKeyDown={onKeyDown}
      onFocus={() => !highlight && order.length && onHighlight?.(order[0].row.name)}
      className="rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-accent-500"
      data-testid="roofline-chart"
    >
      <ChartSvg width={width} height={height} title={title} svgRef={svgRef} onMouseLeave={() => onHighlight?.(null)}>
        <g aria-hidden="true">
          <rect x={stripX0} y={frame.top} width={stripX1 - stripX0} height={plotH} fill="currentColor" fillOpacity={0.06} />
          <text x={(stripX0 + stripX1) / 2} y={frame.bottom + 14} textAnchor="middle" fill="currentColor" fontSize={10}>
            0 FLOPs
          </text>
          <Axis orient="bottom" ticks={xTicks} frame={frame} fontSize={11} label="arithmetic intensity, FLOP per byte moved (log)" labelOffset={34} />
          <Axis orient="left" ticks={yTicks} frame={{ ...frame, left: M.left }} fontSize={11} label="attained GFLOP/s (log)" labelOffset={46} />
          <line x1={x(geo.ridge)} x2={x(geo.ridge)} y1={ridgeY} y2={frame.bottom} stroke="currentColor" strokeOpacity={0.45} strokeDasharray="3 3" />
          <text x={x(geo.ridge) + 4} y={frame.bottom - 6} fill="currentColor" fontSize={10}>
            ridge {trimZeros(formatSig(geo.ridge))} FLOP/B
          </text>
          <path d={roofPath} fill="none" stroke="currentColor" strokeWidth={2} data-testid="roofline-roof" />
          <text x={frame.right - 4} y={y(roofs.peakGflops) - 6} textAnchor="end" fill="currentColor" fontWeight={600}>
            peak {formatGflops(roofs.peakGflops)}
          </text>
          <text transform={`translate(${x(bwAt)},${y(bwAt * roofs.peakGBps) - 6}) rotate(${slope})`} textAnchor="middle" fill="currentColor" fontWeight={600}>
            {formatGBps(roofs.peakGBps)}
          </text>
        </g>
        <g>
          {dots.map((d) => {
            const on = d.row.name === highlight;
            return (
              <circle
                key={d.row.name}
                data-layer={d.row.name}
                data-kind={d.row.kind}
                cx={cx(d)}
                cy={y(d.y)}
                r={on ? 6.5 : 3.8}
                fill={kindColour(d.row.kind)}
                fillOpacity={0.85}
                stroke="currentColor"
                strokeOpacity={on ? 1 : 0.3}
                strokeWidth={on ? 2 : 0.6}
                onMouseEnter={() => onHighlight?.(d.row.name)}
                onClick={() => onSelect?.(d.row.name)}
                style={{ cursor: onSelect ? 'pointer' : undefined }}
              >
                <title>{rooflineText(d.row)}</title>
              </circle>
            );
          })}
        </g>
      </ChartSvg>
    </div>
  );
}
