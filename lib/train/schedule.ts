/**
 * Learning-rate schedules, stepped once per optimizer step (PyTorch: `scheduler.step()` after every
 * `optimizer.step()`), so `step` counts optimizer steps and `stepSize` / `tMax` are in steps.
 *
 * We compute the closed forms (torch/optim/lr_scheduler.py `_get_closed_form_lr`):
 * - StepLR: base_lr · gamma^floor(t / step_size);
 * - CosineAnnealingLR: eta_min + (base_lr − eta_min)(1 + cos(π t / T_max)) / 2, which keeps
 *   following the cosine past T_max (back up towards base_lr over the next T_max steps), as
 *   PyTorch does.
 *
 * PyTorch 1.13's `get_lr()`, what a training loop actually gets, is recursive instead: StepLR
 * multiplies the current lr by gamma every step_size steps, and CosineAnnealingLR multiplies
 * (lr − eta_min) by the ratio (1 + cos(π t / T)) / (1 + cos(π (t − 1) / T)), with a special case
 * at t = T_max + 1 + 2k·T_max where that ratio would be 0/0. The two forms are the same
 * function of t; they differ (a) in rounding — the recursion accumulates a few ulp, ≤ 1.1e-15
 * relative over 130 steps in lib/train/fixtures/optim.json — and (b) when something else edits
 * the lr between steps (the recursion follows the edit, the closed form ignores it). Nothing
 * edits our lr, the step-to-step value is rounded to float32 by the optimizer anyway, and the
 * closed form lets a run resume at any step without replaying the schedule, so the closed form
 * is what we match; schedule.test.ts proves it equal to torch's recursive sequence.
 */
import type { ScheduleConfig } from './types';

/** The lr of the step about to run; `step` is its 0-based index (PyTorch's `last_epoch`). */
export function learningRate(schedule: ScheduleConfig, baseLr: number, step: number): number {
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`step must be a whole number ≥ 0, got ${step}`);
  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * schedule.gamma ** Math.floor(step / schedule.stepSize);
    case 'cosine':
      return schedule.etaMin + ((baseLr - schedule.etaMin) * (1 + Math.cos((Math.PI * step) / schedule.tMax))) / 2;
  }
}
