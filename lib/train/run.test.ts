/**
 * TrainingRun: memory discipline (no tensor growth over 200 steps, optimizer state counted;
 * cancel mid-step and dispose back to the baseline), resume after cancel, evaluation through the
 * fused inference path, and .safetensors that load back with the same eval logits.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { stateDictKeys } from '../arch/statedict';
import { isCancelled } from '../runtime/cancel';
import { Model, inputFromNCHW } from '../runtime/executor';
import { useBackend } from '../runtime/testing/fixtures.node';
import { heInit } from '../runtime/weights/he-init';
import { parseSafetensors } from '../runtime/weights/safetensors';
import { readWeightsFile } from '../runtime/weights/read-weights';
import { TrainingRun } from './run';
import { numBatchesTrackedOf } from './save';
import { tinyDigits } from './testing/graphs';
import { bands } from './testing/synthetic';
import type { TrainConfig } from './types';

const SGD: TrainConfig = {
  optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-4 },
  schedule: { kind: 'cosine', tMax: 200, etaMin: 0 },
  batchSize: 16,
  steps: 200,
  seed: 3,
  shuffle: true,
  dropout: true,
};
const ADAM: TrainConfig = {
  ...SGD,
  optimizer: { kind: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
  schedule: { kind: 'constant' },
  steps: 60,
};

const graph = tinyDigits(8);
const train = bands(160, [1, 28, 28], 10, 1);
const test = bands(50, [1, 28, 28], 10, 2);

describe('TrainingRun memory over many steps on wasm', () => {
  for (const [name, config] of [
    ['SGD (momentum, Nesterov, weight decay)', SGD],
    ['Adam', ADAM],
  ] as const) {
    it(`no tensor growth over ${config.steps} steps with ${name}; dispose returns to the baseline`, async () => {
      const steps = config.steps;
      await useBackend('wasm');
      const baseline = tf.memory().numTensors;
      const run = TrainingRun.create({ graph, train, test, config });
      const counts: number[] = [];
      const reports = await run.run(1000, { onStep: () => counts.push(tf.memory().numTensors) });
      expect(reports.map((r) => r.step)).toEqual(Array.from({ length: steps }, (_, i) => i));
      expect(run.stepsDone).toBe(steps);
      expect(run.stepsLeft).toBe(0);
      // After the first step the optimizer holds its state; from then on nothing grows.
      expect(new Set(counts.slice(1))).toEqual(new Set([counts[0]]));
      expect(counts[0]).toBe(baseline + run.numTensors);
      expect(run.numTensors).toBeGreaterThan(graph.nodes.length - 5); // variables + optimizer state
      // It learned the task (loss down) and the schedule was followed.
      expect(reports[steps - 1].loss).toBeLessThan(reports[0].loss * 0.5);
      if (config.schedule.kind === 'cosine') expect(reports[100].lr).toBeCloseTo(0.025, 10);
      expect((await run.run(5)).length).toBe(0); // never past config.steps
      expect(run.numBatchesTracked.get('bn1.num_batches_tracked')).toBe(steps);
      const ev = await run.evaluate();
      expect(ev.n).toBe(50);
      expect(ev.confusion.flat().reduce((a, b) => a + b)).toBe(50);
      expect(tf.memory().numTensors).toBe(baseline + run.numTensors);
      run.dispose();
      run.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
      await expect(run.run(1)).rejects.toThrow(/disposed/);
    });
  }
});

for (const backend of ['wasm', 'cpu'] as const)
  describe(`TrainingRun on ${backend}`, () => {
    it('cancel mid-step: the step lands whole, no tensors are left, and the run resumes', async () => {
      await useBackend(backend);
      const baseline = tf.memory().numTensors;
      const run = TrainingRun.create({ graph, train, config: SGD });
      const held = tf.memory().numTensors - baseline;
      const ctrl = new AbortController();
      // run() performs step 0's update synchronously and then awaits its loss read-back:
      // aborting now cancels mid-step.
      const p = run.run(10, { signal: ctrl.signal });
      ctrl.abort();
      const err = await p.catch((e: unknown) => e);
      expect(isCancelled(err)).toBe(true);
      expect(run.stepsDone).toBe(1);
      expect(run.isRunning).toBe(false);
      // Only the run's own tensors (variables + the momentum buffers the first step created).
      expect(tf.memory().numTensors).toBe(baseline + run.numTensors);
      expect(run.numTensors).toBeGreaterThan(held);
      // Cancel from onStep, then resume where it stopped.
      const c2 = new AbortController();
      await expect(run.run(10, { signal: c2.signal, onStep: (r) => r.step === 3 && c2.abort() })).rejects.toThrow(/cancelled/);
      expect(run.stepsDone).toBe(4);
      const more = await run.run(2);
      expect(more.map((r) => r.step)).toEqual([4, 5]);
      // An already-aborted signal starts nothing.
      await expect(run.run(1, { signal: AbortSignal.abort() })).rejects.toThrow(/cancelled/);
      expect(run.stepsDone).toBe(6);
      // Dispose while a run awaits its read-back: it stops as a cancel, everything freed.
      const p3 = run.run(5);
      run.dispose();
      expect(isCancelled(await p3.catch((e: unknown) => e))).toBe(true);
      expect(tf.memory().numTensors).toBe(baseline);
    });

    it('refuses a second concurrent run, bad data and bad step counts with clear messages', async () => {
      await useBackend(backend);
      const baseline = tf.memory().numTensors;
      expect(() => TrainingRun.create({ graph, train: bands(8, [1, 14, 14], 10), config: SGD })).toThrow(/\[1, 14, 14\] each; tiny-digits takes \[1, 28, 28\]/);
      expect(() => TrainingRun.create({ graph, train: { ...train, labels: train.labels.map((l) => l + 5) }, config: SGD })).toThrow(/label 10 at index 5/);
      expect(() => TrainingRun.create({ graph, train, config: { ...SGD, batchSize: 1000 } })).toThrow(/larger than the dataset/);
      expect(tf.memory().numTensors).toBe(baseline);
      const run = TrainingRun.create({ graph, train, config: SGD });
      const p = run.run(2);
      await expect(run.run(1)).rejects.toThrow(/already running/);
      await p;
      await expect(run.run(-1)).rejects.toThrow(/whole number/);
      await expect(run.evaluate()).rejects.toThrow(/no test set/);
      run.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    });

    it('saves the whole state_dict as .safetensors that loads back with the same eval logits', async () => {
      await useBackend(backend);
      const baseline = tf.memory().numTensors;
      const run = TrainingRun.create({ graph, train, test, config: { ...SGD, steps: 7 } });
      await run.run(7);
      const bytes = await run.toSafetensors();
      const file = parseSafetensors(bytes);
      expect([...file.tensors.keys()]).toEqual(stateDictKeys(graph).map((e) => e.key));
      expect(file.tensors.get('bn2.num_batches_tracked')?.dtype).toBe('I64');
      expect(file.tensors.get('bn2.num_batches_tracked')?.shape).toEqual([]);
      expect(numBatchesTrackedOf(file.tensors).get('bn2.num_batches_tracked')).toBe(7);
      expect(file.metadata).toEqual({ format: 'pt' });
      const read = readWeightsFile(bytes, graph);
      expect(read.ok).toBe(true);

      const sd = await run.stateDict();
      const x = inputFromNCHW(test.images, test.shape);
      const direct = Model.create(graph, sd);
      const loaded = Model.create(graph, heInit(graph, 99));
      expect(loaded.loadSafetensors(bytes).ok).toBe(true);
      const a = direct.predict(x);
      const b = loaded.predict(x);
      const la = a.dataSync() as Float32Array;
      expect([...(b.dataSync() as Float32Array)]).toEqual([...la]);
      // evaluate() is that same inference path: its predictions are the argmax of these logits.
      const ev = await run.evaluate();
      for (let i = 0; i < test.shape[0]; i++) {
        const row = la.subarray(i * 10, i * 10 + 10);
        expect(ev.predictions[i]).toBe(row.indexOf(Math.max(...row)));
      }
      tf.dispose([x, a, b]);
      direct.dispose();
      loaded.dispose();
      // A run initialised from the exported weights (and counters) continues from them.
      const resumed = TrainingRun.create({ graph, init: sd, train, config: SGD, numBatchesTracked: numBatchesTrackedOf(file.tensors) });
      expect([...(await resumed.stateDict()).get('conv2.weight')!.data]).toEqual([...sd.get('conv2.weight')!.data]);
      expect(resumed.numBatchesTracked.get('bn1.num_batches_tracked')).toBe(7);
      resumed.dispose();
      run.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    });
  });
