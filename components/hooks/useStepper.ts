'use client';

/**
 * A step-by-step widget's stepper (lib/widgets/stepper/stepper.ts is the state machine): the step
 * comes from, and goes back to, the widget's state (its URL on an embed page, its MDX props in a
 * lesson); whether it plays is local. Play advances every PLAY_INTERVAL_MS.normal ms, or every
 * PLAY_INTERVAL_MS.reduced ms under `prefers-reduced-motion: reduce`, where widgets also draw each
 * step at once instead of animating it (`reducedMotion` says which). Nothing ever starts playing
 * by itself.
 *
 *   const stepper = useStepper({ step: state.step, total, onStep: (step) => onChange({ step }) });
 *   <div {...stepper.keys}> … <StepperControls stepper={stepper} status={…} /> </div>
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PLAY_INTERVAL_MS, STEPPER_KEYSHORTCUTS, clampStep, stepperKeyAction, stepperReducer, type StepperAction } from '@/lib/widgets/stepper/stepper';
import { useReducedMotion } from './useReducedMotion';

export interface StepperOptions {
  /** The step the widget's state holds (clamped into [0, total] here). */
  readonly step: number;
  /** The last step; steps run 0..total. */
  readonly total: number;
  readonly onStep: (step: number) => void;
  /** Override the play interval (ms) for normal and reduced motion. */
  readonly intervalMs?: { readonly normal: number; readonly reduced: number };
}

export interface Stepper {
  /** The step shown, in [0, total]. */
  readonly step: number;
  readonly total: number;
  readonly playing: boolean;
  /** prefers-reduced-motion: reduce (draw steps at once; play is slower). */
  readonly reducedMotion: boolean;
  /** Milliseconds between steps while playing. */
  readonly intervalMs: number;
  dispatch(action: StepperAction): void;
  /** Spread on the element whose focused descendants the keys work in (the widget's root). */
  readonly keys: { readonly onKeyDown: (e: KeyboardEvent<HTMLElement>) => void; readonly 'aria-keyshortcuts': string };
}

export function useStepper({ step: rawStep, total, onStep, intervalMs = PLAY_INTERVAL_MS }: StepperOptions): Stepper {
  const [playing, setPlaying] = useState(false);
  const reducedMotion = useReducedMotion();
  const step = clampStep(rawStep, total);
  const interval = reducedMotion ? intervalMs.reduced : intervalMs.normal;

  // Playing stops at the last step (also when the total shrinks under a playing stepper).
  const isPlaying = playing && step < total;
  // The latest values, so dispatch stays one stable function across renders (and timer ticks).
  const latest = useRef({ step, total, playing: isPlaying, onStep });
  useEffect(() => {
    latest.current = { step, total, playing: isPlaying, onStep };
  });

  const dispatch = useCallback((action: StepperAction) => {
    const cur = latest.current;
    const next = stepperReducer({ step: cur.step, playing: cur.playing }, action, cur.total);
    latest.current = { ...cur, step: next.step, playing: next.playing };
    if (next.step !== cur.step) cur.onStep(next.step);
    if (next.playing !== cur.playing) setPlaying(next.playing);
  }, []);

  useEffect(() => {
    if (!isPlaying) return;
    const t = setTimeout(() => dispatch({ type: 'tick' }), interval);
    return () => clearTimeout(t);
  }, [isPlaying, step, interval, dispatch]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const target = e.target as HTMLElement;
      const action = stepperKeyAction({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        targetTag: target.tagName,
        targetType: (target as HTMLInputElement).type,
        targetEditable: target.isContentEditable,
      });
      if (!action) return;
      // Space would scroll the page, Home/End jump to its ends.
      e.preventDefault();
      dispatch(action);
    },
    [dispatch],
  );

  return {
    step,
    total,
    playing: isPlaying,
    reducedMotion,
    intervalMs: interval,
    dispatch,
    keys: { onKeyDown, 'aria-keyshortcuts': STEPPER_KEYSHORTCUTS },
  };
}
