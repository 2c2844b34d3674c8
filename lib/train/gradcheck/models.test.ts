/**
 * Whole models differentiate on wasm:
 * - core's every-op test graph (testing/graphs.ts allOps: every op kind of the five families),
 *   in both grouped-conv training strategies: the cross-entropy gradient of every trainable
 *   tensor through the train-mode forward (forward.ts; BN with batch statistics, dropout off)
 *   equals cpu's, whose gradients use tfjs' own kernels only;
 * - every digits member of the five families: one backward pass on wasm gives a finite, non-zero
 *   gradient for every trainable tensor and leaves no tensors behind (their exactness against
 *   PyTorch is the training-parity fixtures' job).
 * The op-level finite-difference checks are conv.test.ts and ops.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../arch/ir';
import { buildGraph } from '../../arch/registry';
import { inputFromNCHW } from '../../runtime/executor';
// Aliased: the name starts with "use" but it is no React hook (react-hooks/rules-of-hooks).
import { useBackend as switchBackend } from '../../runtime/testing/fixtures.node';
import { hashInput } from '../../runtime/weights/hash-init';
import { heInit } from '../../runtime/weights/he-init';
import { trainForward } from '../forward';
import { ensureTrainingKernels } from '../kernels';
import type { TrainGroupConv } from '../layout';
import { crossEntropy } from '../loss';
import { allOps } from '../testing/graphs';
import { TrainableModel } from '../variables';

async function gradients(
  backend: 'cpu' | 'wasm',
  graph: Graph,
  groupConv: TrainGroupConv,
  batch: number,
): Promise<{ loss: number; grads: Map<string, Float32Array> }> {
  await switchBackend(backend);
  ensureTrainingKernels(backend);
  const before = tf.memory().numTensors;
  const [c, h, w] = graph.input;
  const model = TrainableModel.fromStateDict(graph, heInit(graph, 5), { groupConv });
  const x = inputFromNCHW(hashInput([batch, c, h, w]), [batch, c, h, w]);
  const labels = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => (3 * i + 1) % 10),
    'int32',
  );
  const { value, grads } = tf.variableGrads(
    () => crossEntropy(trainForward(model, x, { dropout: false, seed: 0, step: 0 }), labels),
    model.params.map((p) => p.variable),
  );
  const byName = new Map(model.params.map((p) => [p.variable.name, p.key]));
  const out = new Map<string, Float32Array>();
  for (const [name, g] of Object.entries(grads)) out.set(byName.get(name) as string, (await g.data()) as Float32Array);
  const loss = (await value.data())[0];
  tf.dispose([value, x, labels, ...Object.values(grads)]);
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return { loss, grads: out };
}

describe('whole-model gradients on wasm', () => {
  for (const groupConv of ['split', 'packed'] as const)
    it(`every op kind (grouped conv: ${groupConv}) equals cpu`, async () => {
      const graph = allOps({ bn: true, classes: 10 });
      const cpu = await gradients('cpu', graph, groupConv, 6);
      const wasm = await gradients('wasm', graph, groupConv, 6);
      expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-5 * Math.abs(cpu.loss));
      expect([...wasm.grads.keys()]).toEqual([...cpu.grads.keys()]);
      // Compared against the whole gradient's norm: a conv bias right before a train-mode BN has
      // a gradient that is zero in exact arithmetic (BN subtracts the batch mean), so its own
      // relative error is pure rounding noise. The backends differ in float32 summation order
      // only (~1e-6 of the norm); a wrong or missing kernel is off by O(1) in some tensor.
      let total = 0;
      for (const g of cpu.grads.values()) for (const v of g) total += v * v;
      const norm = Math.sqrt(total);
      for (const [key, g] of cpu.grads) {
        const o = wasm.grads.get(key) as Float32Array;
        let d = 0;
        for (let i = 0; i < g.length; i++) d += (o[i] - g[i]) ** 2;
        expect(Math.sqrt(d) / norm, key).toBeLessThan(1e-4);
      }
    });

  for (const id of ['densenet_digits', 'resnext_digits', 'resnet_digits', 'shufflenet_v2_digits', 'mnasnet_digits'])
    it(`${id}: every trainable tensor gets a finite, non-zero gradient`, async () => {
      const graph = buildGraph(id);
      const { loss, grads } = await gradients('wasm', graph, 'split', 4);
      expect(Number.isFinite(loss)).toBe(true);
      for (const [key, g] of grads) {
        expect(
          g.every((v) => Number.isFinite(v)),
          key,
        ).toBe(true);
        expect(
          g.some((v) => v !== 0),
          key,
        ).toBe(true);
      }
    });
});
