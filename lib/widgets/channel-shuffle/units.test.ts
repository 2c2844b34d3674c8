import { describe, expect, it } from 'vitest';
import { planUnits, shuffleUnitsGraph } from './units';

describe('channel-shuffle units from the spec’s shuffleUnit', () => {
  it('a basic unit splits c in half, its branch writes c/2, the shuffle has 2 groups', () => {
    expect(planUnits({ channels: 8, units: 2, shuffle: true, firstDownsample: false })).toEqual([
      { kind: 'basic', split: [4, 4], leftOut: 4, rightOut: 4, shuffleGroups: 2 },
      { kind: 'basic', split: [4, 4], leftOut: 4, rightOut: 4, shuffleGroups: 2 },
    ]);
  });

  it('a stride-2 first unit has no split and two branches of c/2 each', () => {
    const [first, second] = planUnits({ channels: 12, units: 2, shuffle: false, firstDownsample: true });
    expect(first).toEqual({ kind: 'downsample', split: null, leftOut: 6, rightOut: 6, shuffleGroups: 2 });
    expect(second.kind).toBe('basic');
    expect(shuffleUnitsGraph({ channels: 12, units: 2, shuffle: false, firstDownsample: true }).input[0]).toBe(6);
  });
});
