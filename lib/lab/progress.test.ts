import { describe, expect, it } from 'vitest';
import { overallPercent, progressText } from './progress';

describe('progress', () => {
  const plan = ['tfjs', 'weights', 'build', 'warmup', 'run'] as const;
  it('grows monotonically through a plan and ends at 100', () => {
    let last = -1;
    for (const phase of plan) {
      for (const fraction of [0, 0.5, 1]) {
        const p = overallPercent({ plan, phase, fraction });
        expect(p).toBeGreaterThanOrEqual(last);
        last = p;
      }
    }
    expect(last).toBe(100);
    expect(overallPercent({ plan, phase: 'tfjs' })).toBe(0);
  });
  it('says which step it is on', () => {
    expect(progressText({ plan, phase: 'weights', fraction: 0.42 })).toBe('Step 2 of 5: Loading weights… 42%');
    expect(progressText({ plan: ['profile'], phase: 'profile', fraction: 0.5, detail: 'pass 6 of 12' })).toBe('Profiling… 50% (pass 6 of 12)');
  });
});
