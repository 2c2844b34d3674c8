import { describe, expect, it } from 'vitest';
import {
  blockDiagonalHWIO,
  blockDiagonalNonZeros,
  groupFilterHWIO,
  groupRanges,
  groupedCost,
  groupedStepAt,
  groupedStepCount,
  kernelMagnitudes,
  macsDone,
  resolveGroups,
  validGroups,
} from './groups';

const shape = (cin: number, cout: number, G: number, k = 3, size = 16) => ({ cin, cout, G, k, size });

describe('grouped convolution arithmetic', () => {
  it('allows the common divisors of the two channel counts, and falls back to the largest one below', () => {
    expect(validGroups(8, 12)).toEqual([1, 2, 4]);
    expect(validGroups(6, 12)).toEqual([1, 2, 3, 6]);
    expect(resolveGroups(8, 12, 4)).toEqual({ G: 4, adjusted: false });
    expect(resolveGroups(8, 12, 3)).toEqual({ G: 2, adjusted: true });
    expect(resolveGroups(8, 8, 12)).toEqual({ G: 8, adjusted: true });
  });

  it('splits channels into G contiguous groups (PyTorch order)', () => {
    expect(groupRanges({ cin: 8, cout: 12, G: 4 })).toEqual([
      { group: 0, inStart: 0, inEnd: 2, outStart: 0, outEnd: 3 },
      { group: 1, inStart: 2, inEnd: 4, outStart: 3, outEnd: 6 },
      { group: 2, inStart: 4, inEnd: 6, outStart: 6, outEnd: 9 },
      { group: 3, inStart: 6, inEnd: 8, outStart: 9, outEnd: 12 },
    ]);
  });

  it('costs 1/G of the dense layer in parameters and MACs (lib/arch cost model), and counts them group by group', () => {
    const s = shape(8, 12, 4);
    const c = groupedCost(s);
    // By hand: dense 12·8·9 = 864 weights, 16·16·864 = 221,184 MACs; grouped a quarter of each.
    expect(c.dense.params).toBe(864);
    expect(c.dense.macs).toBe(221_184);
    expect(c.grouped.params).toBe(216);
    expect(c.grouped.macs).toBe(55_296);
    expect(c.perGroup).toEqual({ params: 54, macs: 13_824 });
    expect(c.kind).toBe('grouped');
    expect(groupedCost(shape(8, 8, 1)).kind).toBe('dense');
    expect(groupedCost(shape(8, 8, 8)).kind).toBe('depthwise');
    for (const G of validGroups(12, 12)) {
      const g = groupedCost(shape(12, 12, G, 1));
      expect(g.grouped.macs * G).toBe(g.dense.macs);
      expect(g.grouped.params * G).toBe(g.dense.params);
    }
    // The running counter: nothing at step 0, one group's share per group, the whole layer from step G on.
    const steps = Array.from({ length: groupedStepCount(4) + 1 }, (_, i) => macsDone(i, s, c));
    expect(steps).toEqual([0, 13_824, 27_648, 41_472, 55_296, 55_296]);
  });

  it('walks the layer, each group, then the comparison', () => {
    expect(groupedStepCount(3)).toBe(4);
    expect([0, 1, 2, 3, 4].map((i) => groupedStepAt(i, 3))).toEqual([
      { kind: 'layer' },
      { kind: 'group', group: 0 },
      { kind: 'group', group: 1 },
      { kind: 'group', group: 2 },
      { kind: 'compare' },
    ]);
  });

  it('lays the groups’ filters on the diagonal of a dense weight, zeros elsewhere', () => {
    const s = shape(4, 6, 2, 1);
    // OIHW [6, 2, 1, 1]: w[o, ci] = 10·o + ci + 1.
    const w = Float32Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 2) + (i % 2) + 1);
    const dense = blockDiagonalHWIO(w, s); // HWIO [1, 1, 4, 6]: dense[c·6 + o]
    const at = (c: number, o: number) => dense[c * 6 + o];
    expect([at(0, 0), at(1, 0), at(0, 2), at(1, 2)]).toEqual([1, 2, 21, 22]);
    expect([at(2, 3), at(3, 5)]).toEqual([31, 52]);
    // Across groups: zero.
    expect([at(2, 0), at(0, 3), at(3, 2)]).toEqual([0, 0, 0]);
    expect(Array.from(dense).filter((v) => v !== 0).length).toBe(blockDiagonalNonZeros(s));
    // Group 1's own filter HWIO [1, 1, 2, 3] is the block at inputs 2..3, outputs 3..5.
    expect(Array.from(groupFilterHWIO(w, s, 1))).toEqual([31, 41, 51, 32, 42, 52]);
    const m = kernelMagnitudes(w, s);
    expect(m[3 * 4 + 2]).toBe(31);
    expect(m[0 * 4 + 2]).toBe(0);
  });
});
