/**
 * The differentiable forward: its logits equal the executor's (unfused and fused), its input and
 * activation gradients equal central finite differences through every op kind, a zero
 * perturbation changes nothing, and it leaves no tensors behind (also when it throws).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Model, inputFromNCHW } from '../runtime/executor';
import { useBackend } from '../runtime/testing/fixtures.node';
import { hashInput } from '../runtime/weights/hash-init';
import { heInit } from '../runtime/weights/he-init';
import { TOLERANCE, gradCheck, uniform } from '../train/gradcheck/finite-diff';
import { allOps } from '../train/testing/graphs';
import { classScore, differentiableForward, prepareGradients } from './forward';

function makeModel(): Model {
  const graph = allOps({ bn: true });
  const sd = heInit(graph, 5);
  // heInit's linear weights are tiny and its BN the identity: make both visible in the logits.
  for (const [k, t] of sd) {
    if (k === 'fc.weight') sd.set(k, { shape: t.shape, data: t.data.map((v) => v * 100) });
    if (k.endsWith('running_mean')) sd.set(k, { shape: t.shape, data: t.data.map((_, i) => 0.1 * (i % 3) - 0.1) });
    if (k.endsWith('running_var')) sd.set(k, { shape: t.shape, data: t.data.map((_, i) => 0.5 + 0.25 * (i % 4)) });
  }
  return Model.create(graph, sd);
}

const max = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`differentiableForward on ${backend}`, () => {
    it('equals the executor, fused and unfused, and a zero perturbation changes nothing', async () => {
      await useBackend(backend);
      const base = tf.memory().numTensors;
      const model = makeModel();
      const x = inputFromNCHW(hashInput([2, 3, 8, 8]), [2, 3, 8, 8]);
      const fused = model.predict(x);
      const unfused = model.execute(x, { fuse: false }).output;
      const want = fused.dataSync() as Float32Array;
      expect(max(want)).toBeGreaterThan(1e-2);
      const { logits, captured } = differentiableForward(model, x, { capture: ['add', 'fc'] });
      const got = logits.dataSync() as Float32Array;
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5 * max(want));
      expect(got).toEqual(unfused.dataSync());
      expect([...captured.keys()]).toEqual(['add', 'fc']);
      expect(captured.get('fc')!.dataSync()).toEqual(got);
      expect(captured.get('fc')).not.toBe(logits);

      const zero = tf.zeros(captured.get('add')!.shape);
      const p = differentiableForward(model, x, { perturb: new Map([['add', zero]]), capture: ['add'] });
      expect(p.logits.dataSync()).toEqual(got);
      expect(p.captured.get('add')!.dataSync()).toEqual(captured.get('add')!.dataSync());
      // A non-zero perturbation does reach the logits.
      const one = tf.onesLike(zero);
      const q = differentiableForward(model, x, { perturb: new Map([['add', one]]) });
      expect(q.logits.dataSync()).not.toEqual(got);

      tf.dispose([x, fused, unfused, logits, ...captured.values(), zero, p.logits, ...p.captured.values(), one, q.logits]);
      model.dispose();
      expect(tf.memory().numTensors).toBe(base);
    });

    it('input gradient equals finite differences through every op kind', async () => {
      await useBackend(backend);
      prepareGradients();
      const base = tf.memory().numTensors;
      const model = makeModel();
      const [r] = gradCheck(
        (x) => differentiableForward(model, x as tf.Tensor4D).logits,
        [{ name: 'x', shape: [2, 8, 8, 3], data: uniform(9, 2 * 8 * 8 * 3) }],
        {
          maxElements: 48,
          h: 1e-3,
        },
      );
      expect(r.scale).toBeGreaterThan(1e-3);
      expect(r.relErr).toBeLessThan(TOLERANCE);
      model.dispose();
      expect(tf.memory().numTensors).toBe(base);
    });

    it('the gradient w.r.t. a zero perturbation is the activation gradient (finite differences)', async () => {
      await useBackend(backend);
      prepareGradients();
      const base = tf.memory().numTensors;
      const model = makeModel();
      const x = inputFromNCHW(hashInput([1, 3, 8, 8]), [1, 3, 8, 8]);
      // 'relu1' (after the stem) and 'cat' (a concat of a residual sum and a slice) as layers.
      for (const layer of ['relu1', 'cat']) {
        const shape = tf.tidy(() => differentiableForward(model, x, { capture: [layer] }).captured.get(layer)!.shape);
        const n = shape.reduce((a, b) => a * b, 1);
        // Perturbations around 0 (the zero point itself is what Grad-CAM differentiates at; ReLU
        // kinks downstream make a ±h step there one-sided only where an activation sits at 0).
        const [r] = gradCheck(
          (p) => differentiableForward(model, x, { perturb: new Map([[layer, p]]) }).logits,
          [{ name: layer, shape, data: new Float32Array(n) }],
          {
            maxElements: 48,
            h: 1e-3,
          },
        );
        expect(r.scale, layer).toBeGreaterThan(1e-3);
        expect(r.relErr, layer).toBeLessThan(TOLERANCE);
      }
      x.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(base);
    });

    it('inside tf.grad leaves no tensors behind, and none when it throws', async () => {
      await useBackend(backend);
      prepareGradients();
      const model = makeModel();
      const x = inputFromNCHW(hashInput([1, 3, 8, 8]), [1, 3, 8, 8]);
      const base = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        const g = tf.grad((xx: tf.Tensor) => classScore(differentiableForward(model, xx as tf.Tensor4D, { capture: ['cat', 'dw'] }).logits, 1))(x);
        expect(g.shape).toEqual(x.shape);
        g.dispose();
        expect(tf.memory().numTensors).toBe(base);
      }
      const wrong = tf.zeros([1, 3, 3, 5]);
      expect(() => differentiableForward(model, x, { perturb: new Map([['cat', wrong]]) })).toThrow();
      expect(() => differentiableForward(model, x, { capture: ['nope'] })).toThrow(/no node named "nope"/);
      const five = tf.zeros([1, 5]);
      expect(() => classScore(five, 5)).toThrow(/not one of the 5 outputs/);
      // The perturbation and the logits were the caller's: the forward freed everything it made.
      tf.dispose([wrong, five]);
      expect(tf.memory().numTensors).toBe(base);
      x.dispose();
      model.dispose();
    });
  });
}
