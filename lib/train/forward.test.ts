/**
 * The train forward follows the same spec as the executor: without BatchNorm (whose train mode
 * uses batch statistics) and with dropout off, its logits equal the inference executor's for
 * every op kind and both grouped-conv training strategies; every trainable tensor gets a gradient;
 * a step leaves no tensors behind.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Model, inputFromNCHW } from '../runtime/executor';
import { useBackend } from '../runtime/testing/fixtures.node';
import { hashInput } from '../runtime/weights/hash-init';
import { heInit } from '../runtime/weights/he-init';
import { trainForward } from './forward';
import { fromTrainLayout } from './layout';
import { allOps } from './testing/graphs';
import { RecordingOptimizer } from './testing/recording-optimizer';
import { readStep, trainStep } from './trainer';
import { TrainableModel } from './variables';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`train forward on ${backend}`, () => {
    for (const groupConv of ['split', 'packed', 'blockdiag'] as const) {
      it(`equals the executor without BN (grouped conv: ${groupConv})`, async () => {
        await useBackend(backend);
        const graph = allOps({ bn: false });
        const sd = heInit(graph, 3);
        // heInit's linear weights are tiny: scale them so the logits differ visibly.
        for (const [k, t] of sd) if (k === 'fc.weight') sd.set(k, { shape: t.shape, data: t.data.map((v) => v * 100) });
        const x = inputFromNCHW(hashInput([2, 3, 8, 8]), [2, 3, 8, 8]);
        const model = Model.create(graph, sd);
        const ref = model.predict(x);
        const want = ref.dataSync() as Float32Array;
        const train = TrainableModel.fromStateDict(graph, sd, { groupConv });
        const y = tf.tidy(() => trainForward(train, x, { dropout: false, seed: 0, step: 0 }));
        const got = y.dataSync() as Float32Array;
        let scale = 0;
        for (const v of want) scale = Math.max(scale, Math.abs(v));
        expect(scale).toBeGreaterThan(1e-3);
        for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5 * scale);
        tf.dispose([x, ref, y]);
        model.dispose();
        train.dispose();
      });
    }

    it('gives the same gradients (in PyTorch layout) with every grouped-conv strategy', async () => {
      await useBackend(backend);
      const graph = allOps({ bn: true });
      const sd = heInit(graph, 2);
      const x = inputFromNCHW(hashInput([4, 3, 8, 8]), [4, 3, 8, 8]);
      const labels = tf.tensor1d([0, 1, 2, 3], 'int32');
      const grads = new Map<string, Map<string, Float32Array>>();
      for (const groupConv of ['split', 'packed', 'blockdiag'] as const) {
        const train = TrainableModel.fromStateDict(graph, sd, { groupConv });
        const opt = new RecordingOptimizer();
        await readStep(trainStep(train, opt, x, labels, { lr: 0.1, step: 0, dropout: false, seed: 1 }), 4);
        const node = graph.nodes.find((n) => n.name === 'gconv')!;
        const torch = new Map(opt.grads[0]);
        torch.set('gconv.weight', fromTrainLayout(node, 'weight', opt.grads[0].get('gconv.weight')!, groupConv));
        grads.set(groupConv, torch);
        train.dispose();
      }
      const ref = grads.get('split')!;
      let all = 0;
      for (const g of ref.values()) for (const v of g) all += v * v;
      for (const s of ['packed', 'blockdiag']) {
        for (const [k, g] of ref) {
          const o = grads.get(s)!.get(k)!;
          let d = 0;
          let n = 0;
          for (let i = 0; i < g.length; i++) {
            d += (o[i] - g[i]) ** 2;
            n += g[i] ** 2;
          }
          // conv1.bias feeds a train-mode BN, which removes any constant: its gradient is 0 up to
          // round-off, so it is compared against the whole gradient's scale.
          expect(Math.sqrt(d), `${s} ${k}`).toBeLessThan(1e-4 * Math.sqrt(n) + 1e-6 * Math.sqrt(all));
        }
      }
      tf.dispose([x, labels]);
    });

    it('gives every trainable tensor a gradient and leaves no tensors after a step', async () => {
      await useBackend(backend);
      const graph = allOps({ bn: true });
      const base = tf.memory().numTensors;
      const train = TrainableModel.fromStateDict(graph, heInit(graph, 1));
      const opt = new RecordingOptimizer(true);
      const x = inputFromNCHW(hashInput([4, 3, 8, 8]), [4, 3, 8, 8]);
      const labels = tf.tensor1d([0, 1, 2, 3], 'int32');
      const before = tf.memory().numTensors;
      const w0 = (await train.stateDict()).get('gconv.weight')?.data as Float32Array;
      for (let step = 0; step < 3; step++) {
        const r = await readStep(trainStep(train, opt, x, labels, { lr: 0.5, step, dropout: true, seed: 1 }), 4);
        expect(Number.isFinite(r.loss)).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
      }
      const keys = train.params.map((p) => p.key);
      expect([...opt.grads[0].keys()]).toEqual(keys);
      for (const [k, g] of opt.grads[0])
        expect(
          g.some((v) => v !== 0),
          k,
        ).toBe(true);
      const w1 = (await train.stateDict()).get('gconv.weight')?.data as Float32Array;
      expect(w1).not.toEqual(w0);
      expect(train.numBatchesTracked().get('bn1.num_batches_tracked')).toBe(3);
      tf.dispose([x, labels]);
      train.dispose();
      expect(tf.memory().numTensors).toBe(base);
    });
  });
}
