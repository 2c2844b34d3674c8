/** nn.CrossEntropyLoss (mean): hand-computed float64 values, huge logits stay finite, gradient (softmax − onehot)/N. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../runtime/testing/fixtures.node';
import { correctCount, crossEntropy } from './loss';

function reference(z: number[][], y: number[]): { loss: number; grad: number[][] } {
  let loss = 0;
  const grad = z.map((row, i) => {
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((a, v) => a + Math.exp(v - m), 0));
    loss += (lse - row[y[i]]) / z.length;
    return row.map((v, k) => (Math.exp(v - lse) - (k === y[i] ? 1 : 0)) / z.length);
  });
  return { loss, grad };
}

for (const backend of ['cpu', 'wasm'] as const)
  describe(`cross-entropy on ${backend}`, () => {
    it('is the mean of −log softmax at the label, stable for huge logits, with gradient (softmax − onehot)/N', async () => {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const z = [
        [2, -1, 0.5],
        [1e4, 0, -1e4],
        [-3, -3, -3],
        [0.1, 0.2, 9000],
      ];
      const y = [0, 1, 2, 2];
      const ref = reference(z, y);
      const logits = tf.tensor2d(z);
      const labels = tf.tensor1d(y, 'int32');
      const loss = crossEntropy(logits, labels);
      const g = tf.grad((t: tf.Tensor) => crossEntropy(t, labels))(logits);
      const correct = correctCount(logits, labels);
      const l = (await loss.data())[0];
      expect(Number.isFinite(l)).toBe(true);
      expect(l).toBeCloseTo(ref.loss, 2); // the 1e4 row contributes 1e4/4: float32 keeps ~3 decimals there
      expect(Math.abs(l - ref.loss) / ref.loss).toBeLessThan(1e-6);
      const gd = await g.data();
      ref.grad.flat().forEach((v, i) => expect(gd[i]).toBeCloseTo(v, 6));
      // argmax ties go to the first maximum (torch.argmax): row 2 predicts 0, not its label 2.
      expect((await correct.data())[0]).toBe(2);
      tf.dispose([logits, labels, loss, g, correct]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
