'use client';

import { useMemo } from 'react';
import { Axis } from '@/components/charts/Axis';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { Legend, type LegendItem } from '@/components/ui/Legend';
import { curveLayout, type CurveSeries } from '@/lib/widgets/train/curves';

export interface ChartSeries extends CurveSeries {
  readonly label: string;
  /** Stroke colour (a CSS colour; the legend repeats it with the label, so colour is never the only cue). */
  readonly color: string;
  readonly dash?: string;
}

export interface CurveChartProps {
  readonly title: string;
  /** What the chart says to a screen reader and to tests (the latest values). */
  readonly summary: string;
  readonly series: readonly ChartSeries[];
  readonly xMax: number;
  readonly yLabel: string;
  readonly yDomain?: readonly [number, number];
  readonly yFormat?: (v: number) => string;
  readonly testId?: string;
  /** data-* attributes carrying raw values for tests (e.g. the number of points). */
  readonly data?: Readonly<Record<`data-${string}`, string | number>>;
}

const HEIGHT = 200;

/** One live training curve (loss or accuracy against steps). D3 computes the geometry (curves.ts); React draws it. */
export function CurveChart({ title, summary, series, xMax, yLabel, yDomain, yFormat, testId, data }: CurveChartProps) {
  const [ref, width] = useElementWidth({ initial: 420, min: 260, max: 720 });
  const layout = useMemo(() => curveLayout({ series, width, height: HEIGHT, xMax, yDomain, yFormat }), [series, width, xMax, yDomain, yFormat]);
  const legend: LegendItem[] = series.map((s) => ({
    key: s.key,
    swatch: { shape: 'line', color: s.color, dash: s.dash },
    label: s.label,
  }));
  const byKey = new Map(series.map((s) => [s.key, s]));
  return (
    <figure ref={ref} className="min-w-0" data-testid={testId} {...data}>
      <figcaption className="mb-1 text-[13px] font-medium text-slate-900 dark:text-slate-100">{title}</figcaption>
      <svg width={width} height={HEIGHT} role="img" aria-label={`${title}: ${summary}`} className="block">
        <Axis orient="bottom" ticks={layout.xTicks} frame={layout.frame} label="optimizer steps" labelOffset={30} baseline />
        <Axis orient="left" ticks={layout.yTicks} frame={layout.frame} label={yLabel} labelOffset={34} baseline />
        {layout.paths.map((p) => {
          const s = byKey.get(p.key)!;
          return (
            <g key={p.key} data-series={p.key}>
              <path
                d={p.d}
                fill="none"
                stroke={s.color}
                strokeWidth={p.style === 'faint' ? 1 : 2}
                strokeOpacity={p.style === 'faint' ? 0.35 : 1}
                strokeDasharray={s.dash}
              />
              {p.dots.map((d, i) => (
                <circle key={i} cx={d.x} cy={d.y} r={3} fill={s.color} className="stroke-white dark:stroke-slate-950" strokeWidth={1} />
              ))}
            </g>
          );
        })}
      </svg>
      <Legend items={legend} className="mt-1" />
    </figure>
  );
}
