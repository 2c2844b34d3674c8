/** The effective-field arithmetic (effective-rf.ts) on hand-made gradient maps. */
import { describe, expect, it } from 'vitest';
import { INPUT_FIELD, stepField, type Field } from '../arch/receptive-field';
import {
  EFFECTIVE_FIELD_PASSES,
  effectiveFieldPasses,
  boxSize,
  centralInterval,
  fieldCentre,
  fieldRatio,
  gradientFootprint,
  massExtent,
  massOutside,
  summarizeField,
  theoreticalBox,
  type GradientMap,
} from './effective-rf';

/** An h×w map with the given values at [y, x]. */
function map(h: number, w: number, cells: ReadonlyArray<readonly [number, number, number]>): GradientMap {
  const data = new Float32Array(h * w);
  for (const [y, x, v] of cells) data[y * w + x] = v;
  return { data, height: h, width: w };
}

/** A separable Gaussian of standard deviation s around (cy, cx). */
function gaussian(h: number, w: number, cy: number, cx: number, s: number): GradientMap {
  const data = new Float32Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * s * s));
  return { data, height: h, width: w };
}

describe('central interval of a 1-D mass', () => {
  it('keeps all of a flat 3-pixel mass, and one pixel of a point mass', () => {
    expect(centralInterval([0, 1, 1, 1, 0])).toEqual([1, 3]);
    expect(centralInterval([0, 0, 5, 0])).toEqual([2, 2]);
  });

  it('cuts at most (1 − f)/2 of the mass off each side', () => {
    // 100 units: 2 on the far left, 2 on the far right, 96 in the middle.
    const m = [2, 0, 0, 48, 48, 0, 0, 2];
    expect(centralInterval(m, 0.95)).toEqual([3, 4]); // 2 ≤ 2.5 cut off each side
    expect(centralInterval(m, 0.97)).toEqual([0, 7]); // 2 > 1.5: the tails stay
  });

  it('is null without mass and refuses a fraction outside (0, 1]', () => {
    expect(centralInterval([0, 0, 0])).toBeNull();
    expect(() => centralInterval([1], 0)).toThrow(RangeError);
    expect(() => centralInterval([1], 1.5)).toThrow(RangeError);
  });
});

describe('footprint, extent and ratio', () => {
  it('a 3×3 kernel of positive weights: footprint and 95 % extent are both exactly 3×3', () => {
    const cells: [number, number, number][] = [];
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) cells.push([5 + dy, 6 + dx, 1 + Math.abs(dy) + Math.abs(dx)]);
    const g = map(12, 12, cells);
    expect(gradientFootprint(g)).toEqual([4, 5, 6, 7]);
    const e = massExtent(g)!;
    expect(e.box).toEqual([4, 5, 6, 7]);
    expect(e.size).toEqual([3, 3]);
    expect(e.centre[0]).toBeCloseTo(5, 10);
    expect(e.centre[1]).toBeCloseTo(6, 10);
  });

  it('a Gaussian: the 95 % extent is about 2 · 1.96 σ, far less than its support', () => {
    const g = gaussian(101, 101, 50, 50, 6);
    const e = massExtent(g)!;
    // Discrete: the central interval is whole pixels, ±1 of 23.5.
    expect(e.size[0]).toBeGreaterThanOrEqual(23);
    expect(e.size[0]).toBeLessThanOrEqual(25);
    expect(e.size[1]).toBe(e.size[0]);
    expect(boxSize(gradientFootprint(g)!)).toEqual([101, 101]); // exp never reaches 0 in float32 this near
    expect(boxSize(gradientFootprint(g, 0.01)!)[0]).toBeLessThan(40);
  });

  it('ratio per axis and as the side of an equal-area square', () => {
    expect(fieldRatio([3, 3], [3, 3])).toEqual({ rows: 1, cols: 1, side: 1 });
    const r = fieldRatio([10, 40], [20, 20]);
    expect(r.rows).toBe(0.5);
    expect(r.cols).toBe(2);
    expect(r.side).toBeCloseTo(1, 12);
    expect(() => fieldRatio([1, 1], [0, 3])).toThrow(RangeError);
  });

  it('zero gradient: no footprint, no extent, no ratio', () => {
    const g = map(4, 4, []);
    expect(gradientFootprint(g)).toBeNull();
    expect(massExtent(g)).toBeNull();
    const s = summarizeField(g, stepField(INPUT_FIELD, [3, 3], [1, 1], [1, 1]), [1, 1]);
    expect(s.ratio).toBeNull();
    expect(s.peak).toBe(0);
  });

  it('refuses a map whose size does not match', () => {
    expect(() => gradientFootprint({ data: new Float32Array(5), height: 2, width: 2 })).toThrow(/2×2/);
  });
});

describe('theoretical box on the image', () => {
  const conv3 = stepField(INPUT_FIELD, [3, 3], [1, 1], [1, 1]);
  const two = stepField(conv3, [3, 3], [1, 1], [1, 1]);

  it('inside the image: the field itself', () => {
    const t = theoreticalBox(two, [5, 5], [16, 16]);
    expect(t).toMatchObject({ box: [3, 3, 7, 7], size: [5, 5], rf: [5, 5], clipped: false, larger: [false, false], global: false });
  });

  it('at the corner: clipped by the padding', () => {
    const t = theoreticalBox(two, [0, 0], [16, 16]);
    expect(t).toMatchObject({ box: [0, 0, 2, 2], size: [3, 3], rf: [5, 5], clipped: true });
  });

  it('larger than the image: says so, and covers all of it', () => {
    let f: Field = INPUT_FIELD;
    for (let i = 0; i < 12; i++) f = stepField(f, [3, 3], [1, 1], [1, 1]); // 25×25
    const t = theoreticalBox(f, [3, 4], [8, 10]);
    expect(t).toMatchObject({ box: [0, 0, 7, 9], size: [8, 10], rf: [25, 25], larger: [true, true], clipped: true });
  });

  it('global (after a global pool): the whole image', () => {
    const t = theoreticalBox({ rf: [32, 32], jump: [32, 32], start: [0, 0], global: true }, [0, 0], [32, 32]);
    expect(t).toMatchObject({ box: [0, 0, 31, 31], size: [32, 32], global: true, clipped: false });
  });

  it('the centre of a cell’s field: in the middle of its unclipped box, even in the padding', () => {
    expect(fieldCentre(two, [5, 5])).toEqual([5, 5]);
    const s2 = stepField(INPUT_FIELD, [3, 3], [2, 2], [1, 1]); // rf 3, jump 2, start −1
    expect(fieldCentre(s2, [0, 3])).toEqual([0, 6]);
    expect(fieldCentre({ rf: [8, 8], jump: [8, 8], start: [0, 0], global: true }, [0, 0])).toBeNull();
  });

  it('mass outside the box: 0 for a gradient inside it, the share otherwise', () => {
    const g = map(8, 8, [
      [2, 2, 3],
      [7, 7, 1],
    ]);
    expect(massOutside(g, [0, 0, 3, 3])).toBeCloseTo(0.25, 12);
    expect(massOutside(g, [0, 0, 7, 7])).toBe(0);
    const s = summarizeField(g, two, [2, 2]);
    expect(s.outside).toBeCloseTo(0.25, 6);
  });
});

describe("the run guard's cost of one effective field", () => {
  it('in forward passes: the one-thread cost, times the WASM threads (the backward does not split over the pool)', () => {
    expect(effectiveFieldPasses()).toBe(EFFECTIVE_FIELD_PASSES);
    expect(effectiveFieldPasses(1)).toBe(EFFECTIVE_FIELD_PASSES);
    expect(effectiveFieldPasses(2)).toBe(2 * EFFECTIVE_FIELD_PASSES);
    expect(effectiveFieldPasses(0)).toBe(EFFECTIVE_FIELD_PASSES);
    // At least the slowest one-thread ratio measured (ResNet-50, 6.35× a fused forward).
    expect(EFFECTIVE_FIELD_PASSES).toBeGreaterThanOrEqual(6.35);
  });
});
