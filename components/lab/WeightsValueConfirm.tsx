'use client';

import { useEffect, useId, useRef } from 'react';
import type { ValueConfirmText } from '@/lib/lab/weights-message';
import { buttonClass, primaryButtonClass } from '../ui/styles';

export interface WeightsValueConfirmProps {
  readonly text: ValueConfirmText;
  readonly onLoadAnyway: () => void;
  readonly onKeep: () => void;
}

/**
 * The inline question for a well-formed weights file whose values the model cannot compute with
 * (NaN/Inf, negative running variances): load it anyway, or keep the current weights. Not modal:
 * the rest of the lab stays usable; focus moves to the safe choice so keyboard and screen-reader
 * users meet the question where it appears.
 */
export function WeightsValueConfirm({ text, onLoadAnyway, onKeep }: WeightsValueConfirmProps) {
  const id = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={`${id}-head`}
      aria-describedby={`${id}-list`}
      data-testid="weights-confirm"
      className="space-y-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100"
    >
      <p id={`${id}-head`}>{text.head}</p>
      <ul id={`${id}-list`} className="list-disc space-y-0.5 pl-5 font-mono text-xs break-all">
        {text.lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <button ref={keepRef} type="button" onClick={onKeep} className={primaryButtonClass} data-testid="weights-keep">
          Keep current weights
        </button>
        <button type="button" onClick={onLoadAnyway} className={buttonClass} data-testid="weights-load-anyway">
          Load anyway
        </button>
      </div>
    </div>
  );
}
