import type { ReactNode } from 'react';

export interface ProgressProps {
  /** Accessible name of the bar ("Model run progress"). */
  readonly label: string;
  /** Share done, 0..1; null while nothing runs (the bar is hidden, the sentence stays). */
  readonly fraction: number | null;
  /** The sentence announced politely: the current step while running, the outcome after. */
  readonly text: ReactNode;
  /** aria-valuetext of the bar, when the sentence says more than the percentage. */
  readonly valueText?: string;
}

/**
 * One progress display for every long job (model runs, profiling, benchmarks, searches): a
 * role="progressbar" with aria-valuenow while something runs, and a polite live region with the
 * current step or the outcome. The region is always in the DOM, so the outcome is announced.
 */
export function Progress({ label, fraction, text, valueText }: ProgressProps) {
  const pct = fraction === null ? 0 : Math.round(Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0)) * 100);
  return (
    <div className="min-w-0 space-y-1">
      {fraction !== null ? (
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={valueText}
          className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div
            className="h-full rounded-full bg-accent-600 transition-[width] duration-300 motion-reduce:transition-none dark:bg-accent-400"
            style={{ width: `${pct}%` }}
          />
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="min-h-5 text-[13px] text-slate-700 dark:text-slate-300">
        {text}
      </p>
    </div>
  );
}
