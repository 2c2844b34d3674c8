/**
 * The outcome test: a digits member of lib/arch (ShuffleNet v2 for digits with one unit per stage,
 * the registered shufflenet_v2_digits' knobs otherwise) trained by TrainingRun on wasm in Node on
 * the real digits training split reaches a stated accuracy on the test split, evaluated through
 * the fused inference path. An outcome, not a timing: everything is seeded and wasm is
 * deterministic here, so the number is the same on every run of this machine (0.8920 measured
 * when this test was written, 200 steps of 16); the bound leaves room for other CPUs' SIMD paths.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch/registry';
import { loadDigitsNode } from '../data/digits/node';
import { useBackend } from '../runtime/testing/fixtures.node';
import { TrainingRun } from './run';
import type { TrainConfig } from './types';

const STEPS = 200;
const CONFIG: TrainConfig = {
  optimizer: { kind: 'adam', lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
  schedule: { kind: 'cosine', tMax: STEPS, etaMin: 0 },
  batchSize: 16,
  steps: STEPS,
  seed: 0,
  shuffle: true,
  dropout: true,
};

describe('training a digits model on wasm', () => {
  it(`reaches ≥ 85% test accuracy in ${STEPS} steps`, { timeout: 180_000 }, async () => {
    await useBackend('wasm');
    const { train, test } = loadDigitsNode();
    expect(test.shape[0]).toBe(2000);
    const graph = buildGraph('shufflenet_v2_digits', { stagesRepeats: [1, 1, 1] });
    const baseline = tf.memory().numTensors;
    const run = TrainingRun.create({ graph, train, test, config: CONFIG });
    try {
      const reports = await run.run(STEPS);
      expect(reports.length).toBe(STEPS);
      const ev = await run.evaluate();
      console.log(
        `${graph.id}: test accuracy ${ev.accuracy.toFixed(4)} after ${STEPS} steps of ${CONFIG.batchSize} (last loss ${reports.at(-1)?.loss.toFixed(3)})`,
      );
      expect(ev.n).toBe(2000);
      expect(ev.accuracy).toBeGreaterThanOrEqual(0.85);
    } finally {
      run.dispose();
    }
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
