/**
 * Accuracy of the leading-axes Sum/Mean on wasm (reduce-leading.ts) over BatchNorm-sized columns,
 * against float64 sums: one float32 accumulation over 12,544 rows (BN statistics of a 16×28×28
 * batch) is ~1e-5 off, which moved train-mode BN outputs by 2e-6 and nearly-cancelling BN-bias
 * gradients by a percent (lib/train/train-parity.test.ts, mnasnet_digits); the two-stage blocks
 * keep it at float32 round-off.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../runtime/testing/fixtures.node';
import { hashU } from '../../runtime/weights/hash-init';
import { ensureTrainingKernels } from './index';
import { blockSize } from './reduce-leading';

describe('blockSize', () => {
  it('splits m into equal blocks near √m, or keeps one stage', () => {
    expect(blockSize(200)).toBe(200);
    expect(blockSize(12544)).toBe(112);
    expect(blockSize(50176)).toBe(224);
    expect(blockSize(3136)).toBe(56);
    expect(blockSize(9973)).toBe(9973); // prime
    expect(blockSize(2 * 9973)).toBe(19946); // no divisor in [8, √m]
  });
});

describe('leading-axes Sum and Mean on wasm are float32-accurate over long columns', () => {
  for (const [m, c] of [
    [12544, 8],
    [50176, 3],
    [3136, 16],
    [9973, 4],
  ])
    it(`[${m}, ${c}] over axis 0`, async () => {
      await useBackend('wasm');
      ensureTrainingKernels('wasm');
      // Post-conv-like columns: a mean of ~0.5 plus a spread of ±0.5, where order of accumulation matters.
      const data = new Float32Array(m * c).map((_, i) => 0.5 + hashU(7, i) + 0.01 * (i % c));
      const ref = new Float64Array(c);
      for (let i = 0; i < m * c; i++) ref[i % c] += data[i];
      const x = tf.tensor2d(data, [m, c]);
      const [sum, mean] = [tf.sum(x, 0), tf.mean(x, 0)];
      const [s, mu] = [await sum.data(), await mean.data()];
      tf.dispose([x, sum, mean]);
      for (let j = 0; j < c; j++) {
        expect(Math.abs(s[j] - ref[j]) / Math.abs(ref[j]), `sum ${j}`).toBeLessThan(m === 9973 ? 1e-4 : 1e-6);
        expect(Math.abs(mu[j] - ref[j] / m) / Math.abs(ref[j] / m), `mean ${j}`).toBeLessThan(m === 9973 ? 1e-4 : 1e-6);
      }
    });
});
