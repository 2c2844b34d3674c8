import { describe, expect, it } from 'vitest';
import { countersAt, separableCost, sepStepCount } from './counts';
import { SEP_FIGURE, counterBars, sepLayout } from './layout';

describe('depthwise then pointwise figure layout', () => {
  it('one strand per channel through its own filter, then M·N pointwise strands as thick as |weight|', () => {
    const pw = Float32Array.from({ length: 3 * 4 }, (_, i) => (i % 2 ? -1 : 1) * (i + 1));
    const lay = sepLayout({ cin: 3, cout: 4 }, pw);
    expect(lay.depthwiseStrands).toHaveLength(3);
    expect(lay.filters.map((f) => f.channel)).toEqual([0, 1, 2]);
    expect(lay.pointwiseStrands).toHaveLength(12);
    const strand = (c: number, o: number) => lay.pointwiseStrands.find((p) => p.from === c && p.to === o)!;
    expect(strand(2, 3).width).toBeCloseTo(2.8, 9); // |P| = 12, the largest
    expect(strand(0, 0).width).toBeLessThan(strand(2, 3).width);
    expect(strand(0, 1).positive).toBe(false);
    // Each depthwise tile sits under its input tile; filters between them.
    for (let c = 0; c < 3; c++) {
      expect(lay.depthwise[c].x).toBe(lay.inputs[c].x);
      expect(lay.filters[c].y).toBeGreaterThan(lay.inputs[c].y + lay.tile);
      expect(lay.depthwise[c].y).toBeGreaterThan(lay.filters[c].y + lay.chip);
    }
  });

  it('keeps 16 outputs inside the figure', () => {
    const lay = sepLayout({ cin: 8, cout: 16 }, new Float32Array(128).fill(0.5));
    for (const p of [...lay.inputs, ...lay.outputs]) {
      expect(p.x).toBeGreaterThanOrEqual(SEP_FIGURE.X0 - 1e-9);
      expect(p.x + lay.tile).toBeLessThanOrEqual(SEP_FIGURE.X1 + 1e-9);
    }
    expect(lay.tile).toBeGreaterThan(12);
  });

  it('draws the counters on one scale that ends at the full convolution', () => {
    const s = { cin: 4, cout: 8, k: 3, size: 16 };
    const c = separableCost(s);
    const bars = counterBars(countersAt(sepStepCount(s), s, c), c, 300);
    const by = Object.fromEntries(bars.map((b) => [b.key, b]));
    expect(by.full.total).toBe(300);
    expect(by.full.done).toBe(300);
    expect(by.separable.total).toBeCloseTo(300 * (1 / 8 + 1 / 9), 9);
    expect(by.depthwise.total + by.pointwise.total).toBeCloseTo(by.separable.total, 9);
    expect(counterBars(countersAt(0, s, c), c, 300).every((b) => b.done === 0)).toBe(true);
  });
});
