import { type ProgressState, overallPercent, progressText } from '@/lib/lab/progress';

export interface ProgressStatusProps {
  /** The operation in progress, or null when idle. */
  readonly progress: ProgressState | null;
  /** Status sentence while idle (e.g. "Ran in 12.3 ms on WebGL"). */
  readonly idleText: string;
  /** Accessible name of the progress bar. */
  readonly label: string;
}

/**
 * A progress bar (role="progressbar" with aria-valuenow/-valuetext) while something runs, and a
 * polite live region that announces the current step and the outcome.
 */
export function ProgressStatus({ progress, idleText, label }: ProgressStatusProps) {
  const pct = progress ? overallPercent(progress) : 0;
  const text = progress ? progressText(progress) : idleText;
  return (
    <div className="space-y-1.5">
      {progress && (
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={text}
          className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div className="h-full rounded-full bg-accent-500 transition-[width] duration-300 dark:bg-accent-400" style={{ width: `${pct}%` }} />
        </div>
      )}
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {text}
      </p>
    </div>
  );
}
