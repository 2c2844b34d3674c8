/** nn.Dropout semantics in train mode: keep with probability 1 − p, survivors scaled by 1/(1 − p), seeded, switchable off. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { INPUT } from '../arch/ir';
import { GraphBuilder } from '../runtime/testing/builder';
import { useBackend } from '../runtime/testing/fixtures.node';
import { dropoutSeed, dropoutTrain } from './dropout';
import { trainForward } from './forward';
import { TrainableModel } from './variables';

for (const backend of ['cpu', 'wasm'] as const)
  describe(`dropout (train mode) on ${backend}`, () => {
    it('zeroes about p of the values and scales the rest by 1/(1 − p)', async () => {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const x = tf.fill([20000], 3);
      for (const p of [0.2, 0.5]) {
        const y = dropoutTrain(x, p, 's');
        const v = y.dataSync();
        y.dispose();
        let zeros = 0;
        for (const e of v) {
          if (e === 0) zeros++;
          else expect(e).toBeCloseTo(3 / (1 - p), 5);
        }
        // Binomial(20000, p): 5 standard deviations is < 0.018.
        expect(Math.abs(zeros / v.length - p)).toBeLessThan(0.018);
      }
      x.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('p = 0 is the identity, p = 1 gives zeros; the same seed gives the same mask', async () => {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = tf.range(1, 101);
        expect([...dropoutTrain(x, 0, 'a').dataSync()]).toEqual([...x.dataSync()]);
        expect([...dropoutTrain(x, 1, 'a').dataSync()].every((v) => v === 0)).toBe(true);
        const a = dropoutTrain(x, 0.5, dropoutSeed(7, 3, 1)).dataSync();
        const b = dropoutTrain(x, 0.5, dropoutSeed(7, 3, 1)).dataSync();
        const c = dropoutTrain(x, 0.5, dropoutSeed(7, 4, 1)).dataSync();
        expect([...a]).toEqual([...b]);
        expect([...a]).not.toEqual([...c]);
        expect(() => dropoutTrain(x, 1.5, 'a')).toThrow(/between 0 and 1/);
      });
      expect(tf.memory().numTensors).toBe(before);
    });

    it('passes the gradient through the kept values only, scaled; dropout=false is the identity in the graph', async () => {
      await useBackend(backend);
      const x = tf.ones([1000]);
      const seed = dropoutSeed(1, 0, 0);
      const g = tf.grad((t: tf.Tensor) => tf.sum(dropoutTrain(t, 0.25, seed)))(x);
      const y = dropoutTrain(x, 0.25, seed);
      expect([...g.dataSync()]).toEqual([...y.dataSync()]);
      const b = new GraphBuilder([1, 4, 4]);
      const graph = b.build('d', b.dropout('drop', INPUT, 0.5));
      const model = TrainableModel.fromStateDict(graph, new Map());
      const xin = tf.ones([2, 4, 4, 1]) as tf.Tensor4D;
      const off = tf.tidy(() => trainForward(model, xin, { dropout: false, seed: 0, step: 0 }));
      const on = tf.tidy(() => trainForward(model, xin, { dropout: true, seed: 0, step: 0 }));
      expect([...off.dataSync()].every((v) => v === 1)).toBe(true);
      expect(new Set(on.dataSync())).toEqual(new Set([0, 2]));
      tf.dispose([x, g, y, xin, off, on]);
      model.dispose();
    });
  });
