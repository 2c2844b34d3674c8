/**
 * SGD and Adam against torch.optim (PyTorch 1.13) on the same parameters and gradients:
 * lib/train/fixtures/optim.json, made by scripts/py/make_optim_fixture.py. Every parameter after
 * every step must match to float32 rounding, on cpu and wasm; nothing may leak but the state.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../runtime/testing/fixtures.node';
import type { OptimizerConfig } from '../types';
import { createOptimizer, type TrainParam } from './index';

interface Case {
  name: string;
  config: OptimizerConfig;
  lrs: number[];
  init: Record<string, number[]>;
  grads: Record<string, number[] | null>[];
  after: Record<string, number[]>[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/optim.json', import.meta.url), 'utf8')) as {
  shapes: Record<string, number[]>;
  cases: Case[];
};

/**
 * Largest |ours − torch| over a tensor in units of float32 epsilon (2⁻²³) times the tensor's
 * largest magnitude: torch's `add_(x, alpha=a)` rounds a·x + y once (a fused multiply-add on
 * CPU), tfjs rounds the product and the sum, so single elements near zero may differ by an ulp of
 * their neighbours' scale, never more.
 */
function maxUlpErr(ours: Float32Array, torch: number[]): number {
  const scale = Math.max(...torch.map(Math.abs)) * 2 ** -23;
  let m = 0;
  for (let i = 0; i < torch.length; i++) m = Math.max(m, Math.abs(ours[i] - torch[i]) / scale);
  return m;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`optimizers match torch.optim on ${backend}`, () => {
    for (const c of fixture.cases) {
      it(c.name, async () => {
        await useBackend(backend);
        const baseline = tf.memory().numTensors;
        const params: TrainParam[] = Object.entries(c.init).map(([key, data]) => ({
          key,
          variable: tf.tidy(() => tf.variable(tf.tensor(data, fixture.shapes[key], 'float32'), true)),
        }));
        const opt = createOptimizer(c.config);
        let worst = 0;
        for (let t = 0; t < c.lrs.length; t++) {
          const grads = new Map<string, tf.Tensor>();
          for (const [k, g] of Object.entries(c.grads[t])) if (g) grads.set(k, tf.tensor(g, fixture.shapes[k], 'float32'));
          const before = tf.memory().numTensors;
          opt.step(params, grads, c.lrs[t]);
          grads.forEach((g) => g.dispose());
          // Only new state (first steps) may remain: the update's intermediates are tidied.
          expect(tf.memory().numTensors - (before - grads.size)).toBeLessThanOrEqual(2 * params.length);
          for (const p of params) {
            const got = p.variable.dataSync() as Float32Array;
            worst = Math.max(worst, maxUlpErr(got, c.after[t][p.key]));
          }
        }
        // Five updates, each rounding a few times.
        expect(worst).toBeLessThanOrEqual(2);
        const perParam = c.config.kind === 'adam' ? 2 : c.config.momentum !== 0 ? 1 : 0;
        expect(opt.numStateTensors).toBe(perParam * params.length);
        expect(tf.memory().numTensors).toBe(baseline + params.length + opt.numStateTensors);
        opt.dispose();
        params.forEach((p) => p.variable.dispose());
        expect(tf.memory().numTensors).toBe(baseline);
      });
    }

    it('keeps the tensor count flat over many steps', async () => {
      await useBackend(backend);
      const baseline = tf.memory().numTensors;
      for (const config of [fixture.cases[4].config, fixture.cases[6].config]) {
        const v = tf.tidy(() => tf.variable(tf.ones([3, 3])));
        const g = tf.fill([3, 3], 0.5);
        const opt = createOptimizer(config);
        opt.step([{ key: 'w', variable: v }], new Map([['w', g]]), 0.01);
        const after1 = tf.memory().numTensors;
        for (let i = 0; i < 50; i++) opt.step([{ key: 'w', variable: v }], new Map([['w', g]]), 0.01);
        expect(tf.memory().numTensors).toBe(after1);
        opt.dispose();
        v.dispose();
        g.dispose();
      }
      expect(tf.memory().numTensors).toBe(baseline);
    });
  });
}

describe('optimizer inputs', () => {
  it('rejects what torch.optim rejects, and wrong gradients', async () => {
    await useBackend('cpu');
    expect(() => createOptimizer({ kind: 'sgd', lr: 0.1, momentum: 0, nesterov: true, weightDecay: 0 })).toThrow(/Nesterov momentum requires a momentum/);
    expect(() => createOptimizer({ kind: 'sgd', lr: 0.1, momentum: -1, nesterov: false, weightDecay: 0 })).toThrow(/momentum/);
    expect(() => createOptimizer({ kind: 'adam', lr: 0.1, beta1: 1, beta2: 0.999, eps: 1e-8, weightDecay: 0 })).toThrow(/beta parameter at index 0/);
    expect(() => createOptimizer({ kind: 'adam', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: -1, weightDecay: 0 })).toThrow(/epsilon/);
    const opt = createOptimizer({ kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0 });
    const v = tf.tidy(() => tf.variable(tf.zeros([2, 2])));
    const g = tf.zeros([4]);
    const baseline = tf.memory().numTensors;
    expect(() => opt.step([{ key: 'w', variable: v }], new Map([['w', g]]), 0.1)).toThrow('gradient of "w" has shape [4], its parameter [2, 2]');
    expect(() => opt.step([{ key: 'w', variable: v }], new Map(), Number.NaN)).toThrow(/learning rate/);
    expect(tf.memory().numTensors).toBe(baseline);
    opt.dispose();
    expect(() => opt.step([], new Map(), 0.1)).toThrow(/after dispose/);
    v.dispose();
    g.dispose();
  });
});
