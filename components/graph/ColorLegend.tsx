'use client';

import { useId } from 'react';
import type { ColorScale } from '@/lib/graph';
import { svgId } from './edge-styles';

export interface ColorLegendProps {
  scale: ColorScale;
  /** True when nothing has a value (e.g. colour by time before profiling). */
  empty?: boolean;
  emptyMessage?: string;
  className?: string;
}

const W = 240;
const BAR = 10;

/** Gradient bar with tick labels for the current colour mode, plus the "no value" swatch. */
export function ColorLegend({ scale, empty = false, emptyMessage = 'No values yet.', className = '' }: ColorLegendProps) {
  const gid = `${svgId(useId())}-grad`;
  return (
    <figure className={`text-xs text-slate-600 dark:text-slate-300 ${className}`} aria-label={`Colour legend: ${scale.title}`}>
      <figcaption className="mb-1 font-medium text-slate-800 dark:text-slate-100">Fill: {scale.title}</figcaption>
      {empty ? (
        <p className="text-slate-500 dark:text-slate-400">{emptyMessage}</p>
      ) : (
        <svg width={W + 16} height={BAR + 22} role="img" aria-label={`${scale.title} from ${scale.format(scale.domain[0])} to ${scale.format(scale.domain[1])}`}>
          <defs>
            <linearGradient id={gid} x1="0" x2="1" y1="0" y2="0">
              {scale.stops.map((s) => (
                <stop key={s.offset} offset={s.offset} stopColor={s.color} />
              ))}
            </linearGradient>
          </defs>
          <rect x={8} y={2} width={W} height={BAR} rx={2} fill={`url(#${gid})`} className="stroke-slate-300 dark:stroke-slate-600" strokeWidth={0.5} />
          {scale.ticks.map((t) => (
            <g key={t.value} transform={`translate(${8 + t.offset * W},0)`}>
              <line y1={2} y2={BAR + 5} className="stroke-slate-500 dark:stroke-slate-400" strokeWidth={1} />
              <text y={BAR + 16} textAnchor="middle" className="fill-current text-[10px]">
                {t.label}
              </text>
            </g>
          ))}
        </svg>
      )}
      <p className="mt-1 flex items-center gap-1.5">
        <span aria-hidden className="inline-block h-3 w-4 rounded-sm border border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900" />
        no value (0, not measured, or the input)
      </p>
    </figure>
  );
}
