import { describe, expect, it } from 'vitest';
import { inversions, kendallTau, ranks } from './ranking';

describe('ranking', () => {
  it('ranks smallest first, ties sharing a rank', () => {
    expect(ranks([30, 10, 20, 10])).toEqual([4, 1, 3, 1]);
  });
  it('kendall tau is 1 for the same order and -1 for the reverse', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(kendallTau([1, 2, 3], [1, 3, 2])).toBeCloseTo(1 / 3);
  });
  it('finds the pairs that FLOPs and time order differently', () => {
    const rows = [
      { id: 'a', macs: 100, ms: 5 },
      { id: 'b', macs: 200, ms: 3 },
      { id: 'c', macs: 300, ms: 9 },
    ];
    expect(inversions(rows).map(([x, y]) => `${x.id}<${y.id}`)).toEqual(['a<b']);
  });
});
