'use client';

import type { ReactNode } from 'react';
import type { Stepper } from '@/components/hooks/useStepper';
import { Button } from './Button';
import { hintClass } from './styles';

export interface StepperControlsProps {
  readonly stepper: Stepper;
  /** What the current step shows ("Step 3 of 12: unit 1, concat"), announced politely as it changes. */
  readonly status: ReactNode;
  readonly statusTestId?: string;
  /** The URL parameter the step is (data-control, for embeds' `hide`). */
  readonly control?: string;
  /** A range input to scrub through the steps (default on). */
  readonly scrubber?: boolean;
  /** The scrubber's accessible name (default "Step"). */
  readonly scrubberLabel?: string;
}

/**
 * The controls of every step-by-step widget: previous, next, play/pause, reset, a step scrubber
 * and the step's description; under them the keys (useStepper's, which work anywhere in the
 * element its `keys` are spread on) and, under `prefers-reduced-motion`, a note that steps appear at
 * once and play is slower. Buttons at the ends of the steps are aria-disabled, not disabled, so
 * the focus stays on them and the keys keep working.
 */
export function StepperControls({ stepper, status, statusTestId, control = 'step', scrubber = true, scrubberLabel = 'Step' }: StepperControlsProps) {
  const { step, total, playing, reducedMotion, dispatch } = stepper;
  return (
    <div className="mt-3 space-y-1.5" data-stepper="" data-playing={playing ? 'true' : 'false'} data-step={step}>
      <div className="flex flex-wrap items-center gap-2">
        <Button control={control} onClick={() => dispatch({ type: 'prev' })} softDisabled={step === 0}>
          ← Previous step
        </Button>
        <Button control={control} onClick={() => dispatch({ type: 'next' })} softDisabled={step >= total}>
          Next step →
        </Button>
        <Button control={control} onClick={() => dispatch({ type: 'toggle' })} pressed={playing} softDisabled={total === 0}>
          {playing ? 'Pause' : 'Play'}
        </Button>
        <Button control={control} onClick={() => dispatch({ type: 'reset' })} softDisabled={step === 0}>
          Reset
        </Button>
        <span className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite" data-testid={statusTestId}>
          {status}
        </span>
      </div>
      {scrubber && total > 0 ? (
        <div className="flex max-w-md items-center gap-2" data-control={control}>
          <input
            type="range"
            min={0}
            max={total}
            step={1}
            value={step}
            onChange={(e) => dispatch({ type: 'seek', step: Number(e.target.value) })}
            aria-label={scrubberLabel}
            aria-valuetext={`step ${step} of ${total}`}
            className="min-w-0 flex-1 accent-accent-600 dark:accent-accent-400"
          />
          <span className="font-mono text-xs tabular-nums text-slate-700 dark:text-slate-300" aria-hidden="true">
            {step}/{total}
          </span>
        </div>
      ) : null}
      <p className={hintClass}>Keys: ← → step · Space or K play/pause · Home start · End last step.</p>
      {reducedMotion ? (
        <p
          data-testid="stepper-reduced-motion"
          className="inline-block rounded bg-slate-100 px-1.5 py-px text-[11px] text-slate-700 dark:bg-slate-800 dark:text-slate-300"
        >
          Reduced motion: each step appears at once, and Play moves on every {stepper.intervalMs / 1000} s.
        </p>
      ) : null}
    </div>
  );
}

/**
 * The drawing of a step-by-step widget, focusable (a click or Tab puts the focus on it), so the
 * stepper's keys, Space included, work on the figure itself and not only on its buttons (where
 * Space presses the button). Put it inside the element the stepper's `keys` are spread on.
 */
export function StepperFigure({ label, className = '', children }: { readonly label: string; readonly className?: string; readonly children: ReactNode }) {
  return (
    <div
      tabIndex={0}
      role="group"
      aria-label={`${label} (← → step, Space or K play/pause)`}
      data-testid="stepper-figure"
      className={`rounded-md outline-offset-2 focus-visible:outline-2 focus-visible:outline-accent-500 ${className}`}
    >
      {children}
    </div>
  );
}
