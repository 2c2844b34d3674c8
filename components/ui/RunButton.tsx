'use client';

import type { ReactNode } from 'react';
import { Button } from './Button';
import { Progress } from './Progress';

export interface RunProgress {
  /** Share done, 0..1. */
  readonly fraction: number;
  /** The current step, e.g. "Timing DenseNet-121… 3 of 10". */
  readonly text: string;
}

export interface RunButtonProps {
  /** The button's text, e.g. "Run G1 on this device" (tests and screen readers find it by it). */
  readonly children: ReactNode;
  readonly onRun: () => void;
  readonly onCancel: () => void;
  /** Null when idle; the job's progress while it runs. */
  readonly progress: RunProgress | null;
  /** The sentence shown while idle: the last outcome ("Done.", "Cancelled; …"), or nothing. */
  readonly idleText?: ReactNode;
  /** Accessible name of the progress bar. */
  readonly progressLabel: string;
  readonly disabled?: boolean;
  readonly control?: string;
  /** Other buttons that belong in the same row. */
  readonly extra?: ReactNode;
}

/**
 * Start a job, follow it, stop it: a primary Run button (disabled while the job runs), a Cancel
 * button while it runs, and the one Progress display under them.
 */
export function RunButton({ children, onRun, onCancel, progress, idleText = '', progressLabel, disabled, control, extra }: RunButtonProps) {
  const running = progress !== null;
  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={onRun} disabled={disabled || running} control={control}>
          {children}
        </Button>
        {running ? <Button onClick={onCancel}>Cancel</Button> : null}
        {extra}
      </div>
      <Progress label={progressLabel} fraction={progress ? progress.fraction : null} text={progress ? progress.text : idleText} />
    </div>
  );
}
