/** Every Winograd F(2x2, 3x3) variant of scripts/bench-winograd.ts equals tfjs' fused conv2d (pad 1, bias, ReLU). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../lib/runtime/testing/fixtures.node';
import { hashU } from '../../lib/runtime/weights/hash-init';
import { type WinogradVariant, variantName, winogradConv } from './winograd';

const VARIANTS: WinogradVariant[] = (['sep', 'slices', 'depthwise', 'depthwise4'] as const).flatMap((input) =>
  (['batched', 'loop'] as const).flatMap((product) => (['d2s', 'transpose', 'matmul'] as const).map((output) => ({ input, product, output }))),
);

// Odd and even, non-square: odd sizes pad to whole tiles and crop (7 → 4 tiles → 8 → 7).
const CASES = [
  { h: 7, w: 6, c: 8, cout: 4 },
  { h: 4, w: 5, c: 3, cout: 5 },
];

describe('Winograd F(2x2, 3x3) in tfjs ops, on wasm', () => {
  for (const s of CASES)
    it(`${s.h}x${s.w}x${s.c} -> ${s.cout}: every variant matches tf.fused.conv2d`, async () => {
      await useBackend('wasm');
      const before = tf.memory().numTensors;
      const g = new Float32Array(9 * s.c * s.cout).map((_, i) => hashU(1, i));
      const bias = new Float32Array(s.cout).map((_, i) => 0.1 * hashU(2, i));
      const x = tf.tensor4d(
        new Float32Array(s.h * s.w * s.c).map((_, i) => 4 * hashU(3, i)),
        [1, s.h, s.w, s.c],
      );
      const filter = tf.tensor4d(g, [3, 3, s.c, s.cout]);
      const b = tf.tensor1d(bias);
      const ref = tf.fused.conv2d({
        x,
        filter,
        strides: 1,
        pad: [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ],
        bias: b,
        activation: 'relu',
      });
      const want = ref.dataSync();
      expect(Math.max(...want)).toBeGreaterThan(0.5); // ReLU leaves something to compare
      for (const v of VARIANTS) {
        const layer = winogradConv(g, bias, s.c, s.cout, v);
        const y = layer.run(x);
        expect(y.shape, variantName(v)).toEqual(ref.shape);
        const got = Array.from(y.dataSync());
        const maxErr = got.reduce((m: number, e: number, i: number) => Math.max(m, Math.abs(e - want[i])), 0);
        expect(maxErr, variantName(v)).toBeLessThan(1e-5);
        y.dispose();
        layer.dispose();
      }
      tf.dispose([x, filter, b, ref]);
      expect(tf.memory().numTensors).toBe(before);
    });

  it('rejects an input with the wrong channel count', async () => {
    await useBackend('wasm');
    const layer = winogradConv(new Float32Array(9 * 2 * 2), new Float32Array(2), 2, 2, VARIANTS[0]);
    const x = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
    expect(() => layer.run(x)).toThrow(/expected \[1, H, W, 2\]/);
    x.dispose();
    layer.dispose();
  });
});
