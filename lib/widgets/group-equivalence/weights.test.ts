import { describe, expect, it } from 'vitest';
import { heInit } from '@/lib/runtime/weights/he-init';
import { FORM_C_BNS, formGraph } from '@/lib/widgets/cardinality-groups/forms';
import { maxAbs, maxAbsDiff, randomizeBatchNorm, seededInput, sliceInputs, sliceRows, splitGroupedWeights } from './weights';

describe('splitting grouped weights into paths', () => {
  it('slices rows and input columns of OIHW tensors', () => {
    const t = { shape: [4, 3, 1, 2], data: Float32Array.from({ length: 24 }, (_, i) => i) };
    expect(Array.from(sliceRows(t, 1, 2).data)).toEqual(Array.from({ length: 12 }, (_, i) => 6 + i));
    const cols = sliceInputs(t, 1, 2);
    expect(cols.shape).toEqual([4, 2, 1, 2]);
    // Row 0: channels 1,2 -> values 2,3,4,5 ; row 1: 8..11
    expect(Array.from(cols.data.slice(0, 8))).toEqual([2, 3, 4, 5, 8, 9, 10, 11]);
  });

  it('produces exactly the keys and shapes forms (a) and (b) expect', () => {
    const s = { C: 3, d: 2, width: 8, size: 32 };
    const c = randomizeBatchNorm(heInit(formGraph('c', s), 7), 7, FORM_C_BNS);
    const { a, b } = splitGroupedWeights(c, s.C, s.d);
    for (const [form, sd] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const want = heInit(formGraph(form, s), 0);
      expect([...sd.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [key, t] of want) expect(sd.get(key)!.shape).toEqual(t.shape);
    }
    // Group 1's 3x3 kernels are rows 2..3 of the grouped weight.
    expect(Array.from(a.get('path1.conv2.weight')!.data)).toEqual(Array.from(c.get('block.conv2.weight')!.data.slice(2 * 2 * 9, 4 * 2 * 9)));
  });

  it('gives BatchNorm non-trivial seeded statistics', () => {
    const c = randomizeBatchNorm(heInit(formGraph('c', { C: 2, d: 2, width: 4, size: 32 }), 1), 1, ['block.bn1']);
    const v = c.get('block.bn1.running_var')!.data;
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0.5);
    expect(new Set(v).size).toBeGreaterThan(1);
  });

  it('measures differences', () => {
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(maxAbsDiff([1], [1, 2])).toBeNaN();
    expect(maxAbs([-3, 2])).toBe(3);
    const x = seededInput(1000, 3);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-1);
    expect(seededInput(5, 3)).toEqual(seededInput(5, 3));
  });
});
