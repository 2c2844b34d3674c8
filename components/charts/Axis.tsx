import type { ReactNode } from 'react';
import type { AxisTick, PlotFrame } from './ticks';

export interface AxisProps {
  readonly orient: 'bottom' | 'left';
  readonly ticks: readonly AxisTick[];
  readonly frame: PlotFrame;
  /** The axis title, centred along it. */
  readonly label?: ReactNode;
  /** Gridlines across the plot at each tick (default true). */
  readonly grid?: boolean;
  /** A solid line along the axis' edge of the plot. */
  readonly baseline?: boolean;
  /** Distance of the title from the plot edge (default 32 below, 44 left). */
  readonly labelOffset?: number;
  readonly fontSize?: number;
}

/**
 * One axis of an SVG chart: gridlines, tick labels and title, with the site's chart colours
 * (labels 7.6:1 on white and 6.9:1 on slate-900, gridlines quiet in both themes). The ticks come
 * from axisTicks (D3); this only draws them.
 */
export function Axis({ orient, ticks, frame, label, grid = true, baseline = false, labelOffset, fontSize = 10 }: AxisProps) {
  const bottom = orient === 'bottom';
  const offset = labelOffset ?? (bottom ? 32 : 44);
  return (
    <g fontSize={fontSize} data-axis={orient}>
      {ticks.map((t) => (
        <g key={t.value} transform={bottom ? `translate(${t.pos},0)` : `translate(0,${t.pos})`}>
          {grid ? (
            bottom ? (
              <line y1={frame.top} y2={frame.bottom} className="stroke-slate-200 dark:stroke-slate-700" />
            ) : (
              <line x1={frame.left} x2={frame.right} className="stroke-slate-200 dark:stroke-slate-700" />
            )
          ) : null}
          {bottom ? (
            <text y={frame.bottom + 14} textAnchor="middle" className="fill-slate-600 dark:fill-slate-400">
              {t.label}
            </text>
          ) : (
            <text x={frame.left - 6} dy="0.32em" textAnchor="end" className="fill-slate-600 dark:fill-slate-400">
              {t.label}
            </text>
          )}
        </g>
      ))}
      {baseline ? (
        bottom ? (
          <line x1={frame.left} x2={frame.right} y1={frame.bottom} y2={frame.bottom} className="stroke-slate-400 dark:stroke-slate-500" />
        ) : (
          <line x1={frame.left} x2={frame.left} y1={frame.top} y2={frame.bottom} className="stroke-slate-400 dark:stroke-slate-500" />
        )
      ) : null}
      {label ? (
        bottom ? (
          <text
            x={(frame.left + frame.right) / 2}
            y={frame.bottom + offset}
            textAnchor="middle"
            fontSize={fontSize + 1}
            className="fill-slate-700 dark:fill-slate-300"
          >
            {label}
          </text>
        ) : (
          <text
            transform={`translate(${frame.left - offset},${(frame.top + frame.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
            fontSize={fontSize + 1}
            className="fill-slate-700 dark:fill-slate-300"
          >
            {label}
          </text>
        )
      ) : null}
    </g>
  );
}
