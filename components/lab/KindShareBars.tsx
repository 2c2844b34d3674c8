'use client';

import { ChartSvg } from '@/components/charts/ChartSvg';
import type { Ref } from 'react';
import { formatMacs, formatMs, formatPercent } from '@/lib/format';
import { OP_KIND_LABELS, kindColour } from '@/lib/lab/op-kind';
import type { KindTotal } from '@/lib/lab/profile-stats';

export interface KindShareBarsProps {
  readonly totals: readonly KindTotal[];
  readonly width: number;
  readonly title: string;
  readonly svgRef?: Ref<SVGSVGElement>;
}

const ROW = 40;
const TOP = 30;

/**
 * Per op kind, its share of the time (solid bar) next to its share of the MACs (light bar):
 * where the two differ, the op is cheaper or dearer than its arithmetic suggests.
 */
export function KindShareBars({ totals, width, title, svgRef }: KindShareBarsProps) {
  const narrow = width < 480;
  const labelW = narrow ? 0 : 170;
  const valueW = 150;
  const x0 = labelW + 8;
  const barW = Math.max(60, width - x0 - valueW - 8);
  const rowH = narrow ? ROW + 14 : ROW;
  const height = TOP + totals.length * rowH + 6;
  return (
    <ChartSvg width={width} height={height} title={title} svgRef={svgRef} testId="kind-bars">
      <g aria-hidden="true">
        <rect x={x0} y={6} width={12} height={10} fill="currentColor" fillOpacity={0.75} />
        <text x={x0 + 16} y={11} dominantBaseline="central" fill="currentColor">
          share of time
        </text>
        <rect x={x0 + 110} y={6} width={12} height={10} fill="currentColor" fillOpacity={0.25} />
        <text x={x0 + 126} y={11} dominantBaseline="central" fill="currentColor">
          share of MACs
        </text>
      </g>
      {totals.map((t, i) => {
        const y = TOP + i * rowH + (narrow ? 14 : 0);
        return (
          <g key={t.kind} data-kind={t.kind}>
            <text x={narrow ? x0 : labelW} y={narrow ? y - 5 : y + 12} textAnchor={narrow ? 'start' : 'end'} dominantBaseline="central" fill="currentColor">
              {OP_KIND_LABELS[t.kind]} ({t.layers})
            </text>
            <rect x={x0} y={y + 2} width={Math.max(1, t.msShare * barW)} height={13} fill={kindColour(t.kind)} />
            <rect x={x0} y={y + 17} width={Math.max(t.macsShare > 0 ? 1 : 0, t.macsShare * barW)} height={9} fill={kindColour(t.kind)} fillOpacity={0.45} />
            <text x={x0 + barW + 6} y={y + 8} dominantBaseline="central" fill="currentColor">
              {formatPercent(t.msShare)} · {formatMs(t.ms)}
            </text>
            <text x={x0 + barW + 6} y={y + 21} dominantBaseline="central" fill="currentColor" fillOpacity={0.75}>
              {formatPercent(t.macsShare)} · {formatMacs(t.macs)}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
