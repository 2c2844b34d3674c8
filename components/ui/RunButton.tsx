'use client';

import type { ReactNode } from 'react';
import type { JobStatus } from '@/components/hooks/useTfjsJob';
import { ErrorNote } from './Alert';
import { Button } from './Button';
import { Progress } from './Progress';

/** Where a job stands (the one tfjs job hook's status): what the button and its progress show. */
export type { JobStatus };

export interface RunButtonProps {
  /** The button's text, e.g. "Run G1 on this device" (tests and screen readers find it by it). */
  readonly children: ReactNode;
  /** Starts the job (a promise it returns is not awaited). */
  readonly onRun: () => unknown;
  /** The job (useTfjsJob's result): its status drives the display, its cancel the Cancel button. */
  readonly job: { readonly status: JobStatus; readonly cancel: () => void };
  /** Disabled for another reason than this job running (e.g. a sibling job runs). */
  readonly disabled?: boolean;
  readonly variant?: 'primary' | 'secondary';
  readonly control?: string;
  /** Shown after the buttons in the same row (a link, a note). */
  readonly extra?: ReactNode;
  /** What one step of `total` is called in the progress bar's value ("passes"). */
  readonly unit?: string;
  /** The sentence while idle, e.g. the last run's outcome ("Measured on WebAssembly, …"). */
  readonly idleText?: ReactNode;
  /** The sentence once the job is done (default "Done."); it should start with "Done". */
  readonly doneText?: ReactNode;
  /** The error line, given the job's message (default "The run failed: …"). */
  readonly errorText?: (message: string) => string;
}

function statusText(status: JobStatus): string {
  switch (status.kind) {
    case 'running':
      return `${status.label}… ${status.total ? `${status.done}/${status.total}` : ''}`;
    case 'done':
      return 'Done.';
    case 'cancelled':
      return 'Cancelled; everything the run had made was freed.';
    default:
      return '';
  }
}

/**
 * Start a job, follow it, stop it: a Run button (disabled while the job runs), a Cancel button
 * while it runs, the one Progress display (bar while running, outcome after), and the error.
 */
export function RunButton({
  children,
  onRun,
  job,
  disabled,
  variant = 'primary',
  control,
  extra,
  unit = 'passes',
  idleText,
  doneText,
  errorText,
}: RunButtonProps) {
  const { status } = job;
  const running = status.kind === 'running';
  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant={variant} onClick={() => void onRun()} disabled={disabled || running} control={control}>
          {children}
        </Button>
        {running ? <Button onClick={job.cancel}>Cancel</Button> : null}
        {extra}
      </div>
      {status.kind !== 'idle' || idleText ? (
        <Progress
          label={running ? status.label : 'Progress'}
          fraction={running ? (status.total ? status.done / status.total : 0) : null}
          valueText={running ? `${status.done} of ${status.total || '…'} ${unit}` : undefined}
          text={status.kind === 'idle' ? idleText : status.kind === 'done' && doneText ? doneText : statusText(status)}
        />
      ) : null}
      {status.kind === 'error' ? <ErrorNote>{errorText ? errorText(status.message) : `The run failed: ${status.message}`}</ErrorNote> : null}
    </div>
  );
}
