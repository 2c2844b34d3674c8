/**
 * The effective field in tfjs (effective-rf-run.ts): on convolutions of positive weights the
 * gradient's footprint is exactly the theoretical field (3×3 for one 3×3 conv, 5×5 for two, the
 * clipped box at a corner); on a registered network no gradient ever lies outside the theoretical
 * field of lib/arch; and the tensor count returns to its baseline, also on refusal and cancel.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { GraphBuilder } from '../arch/builder';
import { INPUT, type Graph, type Pair } from '../arch/ir';
import { receptiveFields } from '../arch/receptive-field';
import { stateDictKeys } from '../arch/statedict';
import { CancelledError } from '../runtime/cancel';
import { Model, inputFromNCHW } from '../runtime/executor';
import { useBackend } from '../runtime/testing/fixtures.node';
import { hashInput } from '../runtime/weights/hash-init';
import { heInit } from '../runtime/weights/he-init';
import type { StateDict } from '../runtime/weights/types';
import { boxSize, summarizeField } from './effective-rf';
import { cellInputGradient } from './effective-rf-run';

/** Every conv weight positive (0.5 + a little variation), every bias zero: no gradient can cancel. */
function positiveWeights(graph: Graph): StateDict {
  const sd: StateDict = new Map();
  for (const e of stateDictKeys(graph)) {
    if (e.shape.length === 0) continue;
    const n = e.shape.reduce((a, b) => a * b, 1);
    sd.set(e.key, { shape: e.shape, data: Float32Array.from({ length: n }, (_, i) => (e.key.endsWith('bias') ? 0 : 0.5 + 0.01 * (i % 7))) });
  }
  return sd;
}

function stacked(n: number, size = 16): Graph {
  const b = new GraphBuilder('stacked', [2, size, size]);
  let x = INPUT;
  for (let i = 0; i < n; i++) x = b.conv(`conv${i}`, x, { outC: 3, k: 3 });
  return b.build(x);
}

/** The unit of `layer` with the largest value (NHWC, or [N, F]). */
async function strongest(model: Model, x: tf.Tensor4D, layer: string): Promise<{ channel: number; cell: Pair }> {
  const { output, captured } = model.execute(x, { capture: [layer] });
  const t = captured.get(layer)!;
  const data = await t.data();
  const shape = t.shape;
  output.dispose();
  if (t !== output) t.dispose();
  let best = 0;
  for (let i = 1; i < data.length; i++) if (data[i] > data[best]) best = i;
  if (shape.length === 2) return { channel: best, cell: [0, 0] };
  const [, , w, c] = shape;
  return { channel: best % c, cell: [Math.floor(best / (w * c)), Math.floor(best / c) % w] };
}

async function field(model: Model, x: tf.Tensor4D, layer: string, channel: number, cell: Pair) {
  const g = await cellInputGradient(model, x, { layer, channel, cell });
  const f = receptiveFields(model.graph).get(layer)!;
  return { g, s: summarizeField(g, f, cell) };
}

describe('effective receptive field (wasm)', () => {
  it('one 3×3 conv of positive weights: the gradient footprint is exactly 3×3; two stacked: 5×5', async () => {
    await useBackend('wasm');
    const base = tf.memory().numTensors;
    const x = inputFromNCHW(
      Float32Array.from(hashInput([1, 2, 16, 16]), (v) => Math.abs(v) + 0.1),
      [1, 2, 16, 16],
    );
    for (const [n, side] of [
      [1, 3],
      [2, 5],
    ] as const) {
      const model = Model.create(stacked(n), positiveWeights(stacked(n)));
      const { g, s } = await field(model, x, `conv${n - 1}`, 1, [6, 5]);
      expect([g.height, g.width]).toEqual([16, 16]);
      expect(s.footprint).toEqual(s.theoretical.box);
      expect(boxSize(s.footprint!)).toEqual([side, side]);
      expect(s.theoretical.size).toEqual([side, side]);
      expect(s.outside).toBe(0);
      // The 95 % extent lies inside the footprint; for a single conv it is all of it.
      if (n === 1) expect(s.extent!.size).toEqual([3, 3]);
      expect(s.ratio!.side).toBeGreaterThan(0);
      expect(s.ratio!.side).toBeLessThanOrEqual(1);
      // At the corner the field is clipped by the padding, and so is the gradient.
      const corner = await field(model, x, `conv${n - 1}`, 0, [0, 0]);
      expect(corner.s.footprint).toEqual([0, 0, n, n]); // rows and columns −n … n, clipped at 0
      expect(corner.s.theoretical.clipped).toBe(true);
      model.dispose();
    }
    x.dispose();
    expect(tf.memory().numTensors).toBe(base);
  });

  it('the value returned is the unit’s activation', async () => {
    await useBackend('wasm');
    const graph = stacked(1, 16);
    const model = Model.create(graph, positiveWeights(graph));
    const x = inputFromNCHW(hashInput([1, 2, 16, 16]), [1, 2, 16, 16]);
    const y = model.predict(x);
    const want = (await y.data())[(2 * 16 + 3) * 3 + 2]; // NHWC [0, 2, 3, 2]
    y.dispose();
    const g = await cellInputGradient(model, x, { layer: 'conv0', channel: 2, cell: [2, 3] });
    expect(g.value).toBeCloseTo(want, 5);
    model.dispose();
    x.dispose();
  });

  it('on ShuffleNet v2 (random weights, 64×64) no gradient lies outside the theoretical field, at any depth', async () => {
    await useBackend('wasm');
    const base = tf.memory().numTensors;
    const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
    const model = Model.create(graph, heInit(graph, 3));
    const x = inputFromNCHW(hashInput([1, 3, 64, 64]), [1, 3, 64, 64]);
    // The layers' strongest units (a unit a ReLU zeroed has no gradient at all). Reading them
    // builds the model's folded conv+BN filters, which it keeps: the baseline comes after.
    const layers = ['conv1.0', 'maxpool', 'stage2.0.shuffle', 'stage3.1.concat', 'conv5.2', 'fc'];
    const units = [];
    for (const layer of layers) units.push({ layer, ...(await strongest(model, x, layer)) });
    const before = tf.memory().numTensors;
    for (const { layer, channel, cell } of units) {
      const { g, s } = await field(model, x, layer, channel, cell);
      expect(g.value, layer).toBeGreaterThan(0);
      expect(s.peak, layer).toBeGreaterThan(0);
      expect(s.outside, layer).toBe(0);
      expect(Math.max(s.ratio!.rows, s.ratio!.cols), layer).toBeLessThanOrEqual(1);
      expect(tf.memory().numTensors, layer).toBe(before);
    }
    model.dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(base);
  });

  it('refuses a unit the layer does not have, and a cancel frees everything', async () => {
    await useBackend('wasm');
    const graph = stacked(2, 16);
    const model = Model.create(graph, positiveWeights(graph));
    const x = inputFromNCHW(hashInput([1, 2, 16, 16]), [1, 2, 16, 16]);
    const before = tf.memory().numTensors;
    await expect(cellInputGradient(model, x, { layer: 'conv1', channel: 3, cell: [0, 0] })).rejects.toThrow(/3 channels; there is no channel 3/);
    await expect(cellInputGradient(model, x, { layer: 'conv1', channel: 0, cell: [16, 0] })).rejects.toThrow(/16×16/);
    await expect(cellInputGradient(model, x, { layer: 'nope', channel: 0, cell: [0, 0] })).rejects.toThrow(/no layer named "nope"/);
    const cancel = () => {
      throw new CancelledError();
    };
    await expect(cellInputGradient(model, x, { layer: 'conv1', channel: 0, cell: [1, 1] }, { check: cancel })).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    x.dispose();
  });
});
