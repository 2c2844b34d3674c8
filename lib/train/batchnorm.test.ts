/**
 * Train-mode BatchNorm against PyTorch's formulas computed by hand in float64
 * (torch.nn.BatchNorm2d docs, 1.13): y = (x − mean)/sqrt(var_biased + eps)·γ + β;
 * running = (1 − momentum)·running + momentum·batch, with the UNBIASED variance n/(n − 1) for
 * running_var; num_batches_tracked + 1 per train forward.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../arch/ir';
import { INPUT } from '../arch/ir';
import { GraphBuilder } from '../runtime/testing/builder';
import { useBackend } from '../runtime/testing/fixtures.node';
import { nchwToNhwc, nhwcToNchw } from '../runtime/layout';
import { hashU } from '../runtime/weights/hash-init';
import type { StateDict } from '../runtime/weights/types';
import { trainForward } from './forward';
import { RecordingOptimizer } from './testing/recording-optimizer';
import { readStep, trainStep } from './trainer';
import { TrainableModel } from './variables';

const N = 3;
const C = 2;
const H = 2;
const W = 3;

function bnGraph(momentum: number): Graph {
  const b = new GraphBuilder([C, H, W]);
  const y = b.bn('bn', INPUT);
  const g = b.build('bn-only', y);
  return { ...g, nodes: g.nodes.map((n) => (n.op.kind === 'bn' ? { ...n, op: { ...n.op, momentum } } : n)) };
}

function bnHead(momentum: number): Graph {
  const b = new GraphBuilder([C, H, W]);
  let y = b.bn('bn', INPUT);
  y = b.gap('gap', y, false);
  y = b.linear('fc', y, 3);
  const g = b.build('bn-head', y);
  return { ...g, nodes: g.nodes.map((n) => (n.op.kind === 'bn' ? { ...n, op: { ...n.op, momentum } } : n)) };
}

const gamma = [1.5, 0.5];
const beta = [0.1, -0.2];
const rm0 = [0.3, -0.1];
const rv0 = [2, 0.5];

function sdFor(graph: Graph): StateDict {
  const sd: StateDict = new Map([
    ['bn.weight', { shape: [C], data: Float32Array.from(gamma) }],
    ['bn.bias', { shape: [C], data: Float32Array.from(beta) }],
    ['bn.running_mean', { shape: [C], data: Float32Array.from(rm0) }],
    ['bn.running_var', { shape: [C], data: Float32Array.from(rv0) }],
  ]);
  if (graph.nodes.some((n) => n.name === 'fc')) {
    sd.set('fc.weight', { shape: [3, C], data: Float32Array.from([0.2, -0.3, 0.5, 0.1, -0.4, 0.7]) });
    sd.set('fc.bias', { shape: [3], data: Float32Array.from([0, 0.1, -0.1]) });
  }
  return sd;
}

const x = Float64Array.from({ length: N * C * H * W }, (_, i) => 4 * hashU(11, i) - 1.5 + (i % 2));

/** Per-channel batch mean and biased variance of the NCHW input, float64. */
function stats(): { mean: number[]; varB: number[]; n: number } {
  const n = N * H * W;
  const mean = [0, 0];
  const varB = [0, 0];
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let b = 0; b < N; b++) for (let i = 0; i < H * W; i++) s += x[(b * C + c) * H * W + i];
    mean[c] = s / n;
    let q = 0;
    for (let b = 0; b < N; b++) for (let i = 0; i < H * W; i++) q += (x[(b * C + c) * H * W + i] - mean[c]) ** 2;
    varB[c] = q / n;
  }
  return { mean, varB, n };
}

function input(): tf.Tensor4D {
  return tf.tensor4d(nchwToNhwc(Float32Array.from(x), N, C, H, W), [N, H, W, C]);
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`train-mode BatchNorm on ${backend}`, () => {
    it('normalises with the batch mean and biased variance', async () => {
      await useBackend(backend);
      const graph = bnGraph(0.1);
      const model = TrainableModel.fromStateDict(graph, sdFor(graph));
      const before = tf.memory().numTensors;
      const xt = input();
      const y = tf.tidy(() => trainForward(model, xt, { dropout: false, seed: 0, step: 0 }));
      const got = nhwcToNchw(y.dataSync() as Float32Array, N, H, W, C);
      tf.dispose([y, xt]);
      expect(tf.memory().numTensors).toBe(before);
      const { mean, varB } = stats();
      for (let b = 0; b < N; b++)
        for (let c = 0; c < C; c++)
          for (let i = 0; i < H * W; i++) {
            const k = (b * C + c) * H * W + i;
            const want = ((x[k] - mean[c]) / Math.sqrt(varB[c] + 1e-5)) * gamma[c] + beta[c];
            expect(got[k]).toBeCloseTo(want, 5);
          }
      model.dispose();
    });

    for (const momentum of [0.1, 1 - 0.9997]) {
      it(`updates running stats with momentum ${momentum} and the unbiased variance; counts batches`, async () => {
        await useBackend(backend);
        const graph = bnHead(momentum);
        const model = TrainableModel.fromStateDict(graph, sdFor(graph), { numBatchesTracked: new Map([['bn.num_batches_tracked', 5]]) });
        const opt = new RecordingOptimizer();
        const xt = input();
        const labels = tf.tensor1d([0, 2, 1], 'int32');
        await readStep(trainStep(model, opt, xt, labels, { lr: 0.1, step: 0, dropout: false, seed: 0 }), N);
        const { mean, varB, n } = stats();
        const sd = await model.stateDict();
        const rm = sd.get('bn.running_mean')?.data as Float32Array;
        const rv = sd.get('bn.running_var')?.data as Float32Array;
        for (let c = 0; c < C; c++) {
          expect(rm[c]).toBeCloseTo((1 - momentum) * rm0[c] + momentum * mean[c], 6);
          expect(rv[c]).toBeCloseTo((1 - momentum) * rv0[c] + momentum * varB[c] * (n / (n - 1)), 6);
          // Not the biased one (the distinction this test exists for).
          expect(Math.abs(rv[c] - ((1 - momentum) * rv0[c] + momentum * varB[c]))).toBeGreaterThan(momentum * varB[c] * 0.05);
        }
        expect(model.numBatchesTracked().get('bn.num_batches_tracked')).toBe(6);
        // γ, β, fc: trainable and given gradients; running stats are not.
        expect([...opt.grads[0].keys()].sort()).toEqual(['bn.bias', 'bn.weight', 'fc.bias', 'fc.weight']);
        tf.dispose([xt, labels]);
        model.dispose();
      });
    }

    it('gives the cross-entropy gradient of the last layer: (softmax − onehot)/N ⊗ features', async () => {
      await useBackend(backend);
      const graph = bnHead(0.1);
      const sd = sdFor(graph);
      const model = TrainableModel.fromStateDict(graph, sd);
      const opt = new RecordingOptimizer();
      const xt = input();
      const lab = [0, 2, 1];
      const labels = tf.tensor1d(lab, 'int32');
      const { loss } = await readStep(trainStep(model, opt, xt, labels, { lr: 0.1, step: 0, dropout: false, seed: 0 }), N);
      // Features after BN + global pooling: per channel mean over H·W of the normalised input.
      const { mean, varB } = stats();
      const feats: number[][] = [];
      for (let b = 0; b < N; b++) {
        feats.push(
          [0, 1].map((c) => {
            let s = 0;
            for (let i = 0; i < H * W; i++) s += ((x[(b * C + c) * H * W + i] - mean[c]) / Math.sqrt(varB[c] + 1e-5)) * gamma[c] + beta[c];
            return s / (H * W);
          }),
        );
      }
      const Wt = sd.get('fc.weight')?.data as Float32Array; // [3, C]
      const bias = sd.get('fc.bias')?.data as Float32Array;
      const gW = new Float64Array(3 * C);
      let wantLoss = 0;
      for (let b = 0; b < N; b++) {
        const z = [0, 1, 2].map((o) => bias[o] + Wt[o * C] * feats[b][0] + Wt[o * C + 1] * feats[b][1]);
        const m = Math.max(...z);
        const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
        wantLoss += (lse - z[lab[b]]) / N;
        for (let o = 0; o < 3; o++) {
          const d = (Math.exp(z[o] - lse) - (o === lab[b] ? 1 : 0)) / N;
          for (let c = 0; c < C; c++) gW[o * C + c] += d * feats[b][c];
        }
      }
      expect(loss).toBeCloseTo(wantLoss, 5);
      const g = opt.grads[0].get('fc.weight') as Float32Array; // tfjs layout [C, 3]
      for (let o = 0; o < 3; o++) for (let c = 0; c < C; c++) expect(g[c * 3 + o]).toBeCloseTo(gW[o * C + c], 5);
      tf.dispose([xt, labels]);
      model.dispose();
    });

    it('refuses a batch with one value per channel, as PyTorch does', async () => {
      await useBackend(backend);
      const b = new GraphBuilder([C, 1, 1]);
      const graph = b.build('one', b.bn('bn', INPUT));
      const model = TrainableModel.fromStateDict(graph, sdFor(bnGraph(0.1)));
      const before = tf.memory().numTensors;
      const xt = tf.ones([1, 1, 1, C]) as tf.Tensor4D;
      expect(() => tf.tidy(() => trainForward(model, xt, { dropout: false, seed: 0, step: 0 }))).toThrow(/more than 1 value per channel/);
      // A step refuses it before any op (a forward failing inside tf.variableGrads would leave the
      // tensors saved for the backward pass behind).
      const lab = tf.tensor1d([0], 'int32');
      expect(() => trainStep(model, new RecordingOptimizer(), xt, lab, { lr: 0.1, step: 0, dropout: false, seed: 0 })).toThrow(/a batch of 1 gives 1/);
      const big = tf.ones([1, 2, 2, C]) as tf.Tensor4D;
      expect(() => trainStep(model, new RecordingOptimizer(), big, lab, { lr: 0.1, step: 0, dropout: false, seed: 0 })).toThrow(
        /trains on NHWC \[N, 1, 1, 2\]/,
      );
      tf.dispose([xt, lab, big]);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });
  });
}
