import type { ReactNode } from 'react';

export interface GradientStop {
  /** 0..1 along the bar. */
  readonly offset: number;
  readonly color: string;
}

export interface GradientTick {
  readonly offset: number;
  readonly label: string;
}

export interface GradientLegendProps {
  /** Read by screen readers instead of the bar: "MACs from 1.2 k to 231 M". */
  readonly ariaLabel: string;
  readonly stops: readonly GradientStop[];
  readonly ticks: readonly GradientTick[];
  readonly title?: ReactNode;
  /** A sentence under the bar (the scale's name, what the ends mean). */
  readonly caption?: ReactNode;
  /** Shown instead of the bar when nothing has a value yet. */
  readonly empty?: ReactNode;
  readonly className?: string;
  /** More lines under the caption (e.g. the "no value" swatch). */
  readonly children?: ReactNode;
}

/**
 * A continuous colour scale: a gradient bar with labelled ticks. Used by the architecture graph's
 * fill modes and the lab's feature-map colour scales alike. The bar is drawn with a CSS gradient
 * of the given stops; ticks sit at their offsets, the end ones kept inside the bar.
 */
export function GradientLegend({ ariaLabel, stops, ticks, title, caption, empty, className = '', children }: GradientLegendProps) {
  const gradient = `linear-gradient(to right, ${stops.map((s) => `${s.color} ${(s.offset * 100).toFixed(1)}%`).join(', ')})`;
  return (
    <figure className={`w-full max-w-xs text-xs text-slate-700 dark:text-slate-300 ${className}`}>
      {title ? <figcaption className="mb-1 font-medium text-slate-900 dark:text-slate-100">{title}</figcaption> : null}
      {empty ? (
        <p>{empty}</p>
      ) : (
        <div role="img" aria-label={ariaLabel}>
          <div className="h-3 rounded-sm border border-slate-300 dark:border-slate-600" style={{ background: gradient }} />
          <div className="relative mt-0.5 h-4 tabular-nums" aria-hidden="true">
            {ticks.map((t) => {
              const edge = t.offset <= 0.02 ? 'left' : t.offset >= 0.98 ? 'right' : 'mid';
              const style = edge === 'left' ? { left: 0 } : edge === 'right' ? { right: 0 } : { left: `${t.offset * 100}%`, transform: 'translateX(-50%)' };
              return (
                <span key={`${t.offset}-${t.label}`} className="absolute top-0 whitespace-nowrap" style={style}>
                  {t.label}
                </span>
              );
            })}
          </div>
        </div>
      )}
      {caption ? <p className="mt-0.5">{caption}</p> : null}
      {children}
    </figure>
  );
}
