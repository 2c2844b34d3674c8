/**
 * Precise BN (precise-bn.ts) against PyTorch 1.13's torch.optim.swa_utils.update_bn on the same
 * weights and batches (fixtures/precise-bn/, made by scripts/py/make_precise_bn_fixture.py): every
 * BN's running mean and variance, and num_batches_tracked, after TrainingRun with steps 0 and
 * preciseBn K over the same K in-order batches. Also: the weights are untouched, the averaging
 * is the plain mean of the batch statistics (not the EMA), and no tensor is left behind.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph, stateDictKeys } from '../arch';
import { bitsXor, useBackend } from '../runtime/testing/fixtures.node';
import { hashInit, hashU } from '../runtime/weights/hash-init';
import type { KeySpec } from '../runtime/weights/types';
import { TrainingRun } from './run';
import type { LabelledImages, TrainConfig } from './types';

interface PreciseBnFixture {
  readonly name: string;
  readonly salts: { images: number; labels: number };
  readonly batches: number;
  readonly batch: number;
  readonly state_dict: { k: number; key: string; shape: number[]; dtype: string }[];
  readonly images_checksum: { bits_xor: number };
  readonly bn: { name: string; momentum: number; running_mean: string[]; running_var: string[]; num_batches_tracked: number }[];
}

const f = JSON.parse(readFileSync(new URL('./fixtures/precise-bn/precise_bn_mnasnet_digits.json', import.meta.url), 'utf8')) as PreciseBnFixture;

/** The fixture's images: u(salt, i) + 0.5 over the flat [N, 1, 28, 28] array (as make_images). */
function fixtureImages(): LabelledImages {
  const n = f.batches * f.batch;
  const images = new Float32Array(n * 784);
  for (let i = 0; i < images.length; i++) images[i] = hashU(f.salts.images, i) + 0.5;
  return { images, shape: [n, 1, 28, 28], labels: new Int32Array(n) };
}

const config = (preciseBn: number): TrainConfig => ({
  optimizer: { kind: 'sgd', lr: 1e-3, momentum: 0, nesterov: false, weightDecay: 0 },
  schedule: { kind: 'constant' },
  batchSize: f.batch,
  steps: 0,
  seed: 0,
  shuffle: false,
  dropout: false,
  preciseBn,
});

/** Largest |ours − torch| / (max |torch| over the tensor). */
function relMaxErr(ours: Float32Array, torch: readonly string[]): number {
  let scale = 0;
  let err = 0;
  torch.forEach((s, i) => {
    const t = Number(s);
    scale = Math.max(scale, Math.abs(t));
    err = Math.max(err, Math.abs(ours[i] - t));
  });
  return err / (scale || 1);
}

describe('precise BN = torch.optim.swa_utils.update_bn', () => {
  it(`${f.name}: running statistics of ${f.bn.length} BNs after ${f.batches} batches of ${f.batch}, on wasm`, async () => {
    await useBackend('wasm');
    const graph = buildGraph(f.name);
    const keys: KeySpec[] = f.state_dict.map((e) => ({ key: e.key, shape: e.shape, dtype: e.dtype === 'int64' ? 'int64' : 'float32' }));
    expect(stateDictKeys(graph).map((e) => e.key)).toEqual(keys.map((e) => e.key));
    const init = hashInit(keys);
    const train = fixtureImages();
    expect(bitsXor(train.images)).toBe(f.images_checksum.bits_xor);

    const baseline = tf.memory().numTensors;
    const run = TrainingRun.create({ graph, init, train, config: config(f.batches) });
    let worst = { err: 0, what: '' };
    try {
      expect(await run.run(0)).toEqual([]);
      expect(run.preciseBnBatches).toBe(f.batches);
      const sd = await run.stateDict();
      for (const bn of f.bn) {
        for (const stat of ['running_mean', 'running_var'] as const) {
          const ours = sd.get(`${bn.name}.${stat}`)?.data;
          expect(ours, `${bn.name}.${stat}`).toBeDefined();
          const err = relMaxErr(ours as Float32Array, bn[stat]);
          if (err > worst.err) worst = { err, what: `${bn.name}.${stat}` };
        }
        expect(run.numBatchesTracked.get(`${bn.name}.num_batches_tracked`), bn.name).toBe(bn.num_batches_tracked);
      }
      // Weights unchanged: only running statistics move.
      for (const [key, t] of init) {
        if (key.endsWith('running_mean') || key.endsWith('running_var')) continue;
        expect(sd.get(key)?.data, key).toEqual(t.data);
      }
    } finally {
      run.dispose();
    }
    expect(tf.memory().numTensors).toBe(baseline);
    console.log(`precise BN vs update_bn, ${f.name}: worst ${worst.err.toExponential(2)} of the tensor's largest value (${worst.what})`);
    // float32 sums over 8·H·W values in another order: ~1e-6 relative; 1e-4 leaves room for SIMD paths.
    expect(worst.err).toBeLessThan(1e-4);
  });

  it('is off by default, and differs from the EMA it replaces', async () => {
    await useBackend('wasm');
    const graph = buildGraph(f.name);
    const keys: KeySpec[] = f.state_dict.map((e) => ({ key: e.key, shape: e.shape, dtype: e.dtype === 'int64' ? 'int64' : 'float32' }));
    const init = hashInit(keys);
    const run = TrainingRun.create({ graph, init, train: fixtureImages(), config: config(0) });
    try {
      await run.run(0);
      expect(run.preciseBnBatches).toBe(0);
      const sd = await run.stateDict();
      // Untouched: the init's running statistics, not update_bn's.
      const bn = f.bn[1];
      expect(sd.get(`${bn.name}.running_var`)?.data).toEqual(init.get(`${bn.name}.running_var`)?.data);
      expect(relMaxErr(sd.get(`${bn.name}.running_var`)?.data as Float32Array, bn.running_var)).toBeGreaterThan(1e-2);
    } finally {
      run.dispose();
    }
  });
});
