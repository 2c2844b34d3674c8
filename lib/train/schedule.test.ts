/**
 * learningRate (closed forms) against PyTorch 1.13's StepLR and CosineAnnealingLR stepped once per
 * optimizer step: the recursive get_lr() a training loop sees, and _get_closed_form_lr, from
 * lib/train/fixtures/optim.json (scripts/py/make_optim_fixture.py). Cosine runs past T_max, where
 * torch's recursion takes its special-case branch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { learningRate } from './schedule';
import type { ScheduleConfig } from './types';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/optim.json', import.meta.url), 'utf8')) as {
  schedules: { schedule: ScheduleConfig; baseLr: number; recursive: number[]; closed: number[] }[];
};

/** |a − b| relative to the base lr: the recursion's rounding is ≤ ~1e-15 of it. */
const close = (a: number, b: number, base: number) => Math.abs(a - b) <= 1e-13 * base;

describe('learningRate equals torch.optim.lr_scheduler', () => {
  for (const s of fixture.schedules) {
    it(`${s.schedule.kind} ${JSON.stringify(s.schedule)}`, () => {
      const ours = s.recursive.map((_, t) => learningRate(s.schedule, s.baseLr, t));
      ours.forEach((lr, t) => {
        expect(close(lr, s.recursive[t], s.baseLr), `step ${t}: ${lr} vs torch get_lr ${s.recursive[t]}`).toBe(true);
        expect(close(lr, s.closed[t], s.baseLr), `step ${t}: ${lr} vs torch closed form ${s.closed[t]}`).toBe(true);
      });
    });
  }

  it('constant is the base lr; steps are 0-based whole numbers', () => {
    expect(learningRate({ kind: 'constant' }, 0.1, 0)).toBe(0.1);
    expect(learningRate({ kind: 'constant' }, 0.1, 1e6)).toBe(0.1);
    expect(learningRate({ kind: 'cosine', tMax: 10, etaMin: 0.01 }, 0.1, 0)).toBe(0.1);
    expect(learningRate({ kind: 'cosine', tMax: 10, etaMin: 0.01 }, 0.1, 10)).toBeCloseTo(0.01, 15);
    expect(() => learningRate({ kind: 'constant' }, 0.1, -1)).toThrow(RangeError);
    expect(() => learningRate({ kind: 'constant' }, 0.1, 1.5)).toThrow(RangeError);
  });
});
