import { describe, expect, it } from 'vitest';
import { clampStep, stepperKeyAction, stepperReducer, type StepperAction, type StepperState } from './stepper';

const run = (s: StepperState, actions: StepperAction[], total: number) => actions.reduce((acc, a) => stepperReducer(acc, a, total), s);
const at = (step: number, playing = false): StepperState => ({ step, playing });

describe('stepper state machine', () => {
  it('steps forward and back within [0, total], and pauses when stepped by hand', () => {
    expect(stepperReducer(at(0), { type: 'next' }, 3)).toEqual(at(1));
    expect(stepperReducer(at(3), { type: 'next' }, 3)).toEqual(at(3));
    expect(stepperReducer(at(0), { type: 'prev' }, 3)).toEqual(at(0));
    expect(stepperReducer(at(2, true), { type: 'prev' }, 3)).toEqual(at(1));
    expect(stepperReducer(at(2, true), { type: 'next' }, 3)).toEqual(at(3));
    expect(stepperReducer(at(2, true), { type: 'reset' }, 3)).toEqual(at(0));
    expect(stepperReducer(at(1), { type: 'end' }, 3)).toEqual(at(3));
    expect(stepperReducer(at(1, true), { type: 'seek', step: 9 }, 3)).toEqual(at(3));
    expect(stepperReducer(at(1), { type: 'seek', step: -2 }, 3)).toEqual(at(0));
  });

  it('plays to the last step and stops there; play at the end starts over', () => {
    let s = stepperReducer(at(1), { type: 'toggle' }, 3);
    expect(s).toEqual(at(1, true));
    s = run(s, [{ type: 'tick' }], 3);
    expect(s).toEqual(at(2, true));
    s = run(s, [{ type: 'tick' }], 3);
    expect(s).toEqual(at(3, false));
    // A tick that arrives after the end (or while paused) changes nothing.
    expect(run(s, [{ type: 'tick' }], 3)).toEqual(at(3, false));
    // Stepping back after the run finished does not resume it.
    expect(run(s, [{ type: 'prev' }], 3)).toEqual(at(2, false));
    expect(stepperReducer(s, { type: 'toggle' }, 3)).toEqual(at(0, true));
    expect(stepperReducer(at(2, true), { type: 'toggle' }, 3)).toEqual(at(2, false));
    expect(stepperReducer(at(2, true), { type: 'pause' }, 3)).toEqual(at(2, false));
  });

  it('has nothing to play with no steps, and clamps a step the URL or a smaller total left outside', () => {
    expect(stepperReducer(at(0), { type: 'toggle' }, 0)).toEqual(at(0));
    expect(stepperReducer(at(12), { type: 'prev' }, 4)).toEqual(at(3));
    expect(stepperReducer(at(12, true), { type: 'tick' }, 4)).toEqual(at(4, false));
    expect(clampStep(7, 4)).toBe(4);
    expect(clampStep(-1, 4)).toBe(0);
    expect(clampStep(Number.NaN, 4)).toBe(0);
    expect(clampStep(2.6, 4)).toBe(3);
  });
});

describe('stepper keys', () => {
  it('maps ←/→, Space, K, Home and End', () => {
    expect(stepperKeyAction({ key: 'ArrowRight' })).toEqual({ type: 'next' });
    expect(stepperKeyAction({ key: 'ArrowLeft', targetTag: 'DIV' })).toEqual({ type: 'prev' });
    expect(stepperKeyAction({ key: ' ' })).toEqual({ type: 'toggle' });
    expect(stepperKeyAction({ key: 'k' })).toEqual({ type: 'toggle' });
    expect(stepperKeyAction({ key: 'K' })).toEqual({ type: 'toggle' });
    expect(stepperKeyAction({ key: 'Home' })).toEqual({ type: 'reset' });
    expect(stepperKeyAction({ key: 'End' })).toEqual({ type: 'end' });
    expect(stepperKeyAction({ key: 'x' })).toBeNull();
    expect(stepperKeyAction({ key: 'ArrowUp' })).toBeNull();
  });

  it('leaves form fields, modified keys and a focused button’s Space/Enter to the browser', () => {
    expect(stepperKeyAction({ key: 'ArrowRight', targetTag: 'INPUT', targetType: 'range' })).toBeNull();
    expect(stepperKeyAction({ key: 'ArrowLeft', targetTag: 'SELECT' })).toBeNull();
    expect(stepperKeyAction({ key: 'k', targetTag: 'TEXTAREA' })).toBeNull();
    expect(stepperKeyAction({ key: 'k', targetEditable: true })).toBeNull();
    expect(stepperKeyAction({ key: 'ArrowRight', altKey: true })).toBeNull();
    expect(stepperKeyAction({ key: 'k', ctrlKey: true })).toBeNull();
    expect(stepperKeyAction({ key: ' ', targetTag: 'BUTTON' })).toBeNull();
    expect(stepperKeyAction({ key: 'Enter', targetTag: 'button' })).toBeNull();
    // …but a button with focus still answers the stepper's other keys.
    expect(stepperKeyAction({ key: 'ArrowRight', targetTag: 'BUTTON' })).toEqual({ type: 'next' });
    expect(stepperKeyAction({ key: 'k', targetTag: 'BUTTON' })).toEqual({ type: 'toggle' });
  });
});
