'use client';

import { useEffect, useId, useRef } from 'react';
import type { RunDecision } from '@/lib/runtime/run-guard';
import { ErrorNote } from './Alert';
import { buttonClass, primaryButtonClass } from './styles';

export type GuardQuestion = Exclude<RunDecision, { kind: 'run' }>;

export interface RunGuardNoticeProps {
  /** What the run guard said (lib/runtime/run-guard.ts); nothing is shown for null. */
  readonly decision: GuardQuestion | null;
  /** For a 'confirm': run anyway. */
  readonly onConfirm: () => void;
  /** For a 'confirm': don't. */
  readonly onCancel: () => void;
  /** The confirm button's text (default "Run anyway"). */
  readonly confirmLabel?: string;
}

/**
 * The run guard's answer where the reader pressed Run (or Profile, Measure…): a refusal with its
 * numbers (role="alert"), or the inline question "This will take about N s on … Run anyway?".
 * Not modal, like the weights question (components/lab/WeightsValueConfirm.tsx): focus moves to
 * the safe choice, Cancel.
 */
export function RunGuardNotice({ decision, onConfirm, onCancel, confirmLabel = 'Run anyway' }: RunGuardNoticeProps) {
  if (!decision) return null;
  if (decision.kind === 'refuse') {
    return (
      <div data-testid="run-refused" className="text-sm">
        <ErrorNote>{decision.message}</ErrorNote>
      </div>
    );
  }
  return <Confirm message={decision.message} onConfirm={onConfirm} onCancel={onCancel} confirmLabel={confirmLabel} />;
}

function Confirm({ message, onConfirm, onCancel, confirmLabel }: { message: string; onConfirm: () => void; onCancel: () => void; confirmLabel: string }) {
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={id}
      data-testid="run-confirm"
      className="space-y-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100"
    >
      <p id={id}>{message}</p>
      <div className="flex flex-wrap gap-2">
        <button ref={cancelRef} type="button" onClick={onCancel} className={buttonClass} data-testid="run-confirm-cancel">
          Cancel
        </button>
        <button type="button" onClick={onConfirm} className={primaryButtonClass} data-testid="run-confirm-yes">
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
