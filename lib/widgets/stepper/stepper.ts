/**
 * The step-by-step widgets' one state machine (channel shuffle, grouped convolution, depthwise
 * then pointwise, …): a step in [0, total] that lives in the widget's URL state, and whether it is
 * playing, which does not (a link opens paused at its step).
 *
 * - next / prev / seek / reset move the step and pause: a reader who steps by hand wants to look;
 * - toggle plays from the current step, or from 0 when the last step is showing, and pauses;
 * - tick (the play timer) advances one step and pauses on the last, so a finished run does not
 *   restart by itself when the reader steps back.
 *
 * Keys (stepperKeyAction): ←/→ step, Space or K play/pause, Home back to 0, End to the last step;
 * keys typed into a form field, and Space/Enter on a focused button (which press it), are left to
 * the browser. Pure: no React, no DOM; components/hooks/useStepper.ts runs it.
 */

export interface StepperState {
  readonly step: number;
  readonly playing: boolean;
}

export type StepperAction =
  | { readonly type: 'next' }
  | { readonly type: 'prev' }
  | { readonly type: 'reset' }
  | { readonly type: 'end' }
  | { readonly type: 'toggle' }
  | { readonly type: 'pause' }
  | { readonly type: 'tick' }
  | { readonly type: 'seek'; readonly step: number };

/** The step clamped into [0, total] (a URL or a smaller total can leave it outside). */
export function clampStep(step: number, total: number): number {
  const t = Math.max(0, Math.floor(total));
  if (!Number.isFinite(step)) return 0;
  return Math.min(t, Math.max(0, Math.round(step)));
}

export function stepperReducer(state: StepperState, action: StepperAction, total: number): StepperState {
  const t = Math.max(0, Math.floor(total));
  const step = clampStep(state.step, t);
  switch (action.type) {
    case 'next':
      return { step: Math.min(t, step + 1), playing: false };
    case 'prev':
      return { step: Math.max(0, step - 1), playing: false };
    case 'reset':
      return { step: 0, playing: false };
    case 'end':
      return { step: t, playing: false };
    case 'seek':
      return { step: clampStep(action.step, t), playing: false };
    case 'pause':
      return { step, playing: false };
    case 'toggle':
      if (state.playing) return { step, playing: false };
      if (t === 0) return { step: 0, playing: false };
      return { step: step >= t ? 0 : step, playing: true };
    case 'tick': {
      if (!state.playing) return { step, playing: false };
      const nextStep = Math.min(t, step + 1);
      return { step: nextStep, playing: nextStep < t };
    }
  }
}

/** Milliseconds between steps while playing; slower under prefers-reduced-motion, where each step also appears at once. */
export const PLAY_INTERVAL_MS = { normal: 900, reduced: 1400 } as const;

/** What a key event looks like to the stepper (a React or DOM KeyboardEvent fits). */
export interface StepperKeyEvent {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
  /** The focused element's tag name (BUTTON, INPUT, SELECT, …) and, for inputs, its type. */
  readonly targetTag?: string;
  readonly targetType?: string;
  /** The focused element is contenteditable. */
  readonly targetEditable?: boolean;
}

/** The action a key stands for, or null when the key is not the stepper's (or belongs to the focused control). */
export function stepperKeyAction(e: StepperKeyEvent): StepperAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const tag = (e.targetTag ?? '').toUpperCase();
  // A form field keeps its keys: arrows move a slider or a select, letters and Space type.
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || e.targetEditable) return null;
  const space = e.key === ' ' || e.key === 'Spacebar';
  // Space and Enter press a focused button (or follow a link): the browser's, not ours.
  if ((tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') && (space || e.key === 'Enter')) return null;
  if (space || e.key === 'k' || e.key === 'K') return { type: 'toggle' };
  switch (e.key) {
    case 'ArrowRight':
      return { type: 'next' };
    case 'ArrowLeft':
      return { type: 'prev' };
    case 'Home':
      return { type: 'reset' };
    case 'End':
      return { type: 'end' };
    default:
      return null;
  }
}

/** For aria-keyshortcuts on the region that listens (WAI-ARIA key names). */
export const STEPPER_KEYSHORTCUTS = 'ArrowLeft ArrowRight Space K Home End';
