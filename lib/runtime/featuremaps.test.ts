/** Feature maps come back in PyTorch's NCHW order with the right values; the profiler adds up. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost } from '../arch';
import { Model, inputFromNCHW } from './executor';
import { readFeatureMaps } from './featuremaps';
import { profileModel } from './profiler';
import { fixtureKeys, readFixture, useBackend } from './testing/fixtures.node';
import { hashInit, hashInput } from './weights/hash-init';

const f = readFixture(new URL('./fixtures/parity/parity_shufflenet_v2_x0_5.json', import.meta.url));
const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });

describe('feature maps and profiler (wasm)', () => {
  it('returns NCHW maps matching PyTorch checkpoints, and every node on request', async () => {
    await useBackend('wasm');
    const model = Model.create(graph, hashInit(fixtureKeys(f)));
    const x = inputFromNCHW(hashInput([1, 3, 64, 64]), [1, 3, 64, 64]);
    model.predict(x).dispose(); // builds the model-owned folded conv+BN filters
    const before = tf.memory().numTensors;
    const { logits, maps } = await readFeatureMaps(model, x, ['conv1.2', 'maxpool', 'fc']);
    expect(tf.memory().numTensors).toBe(before);
    expect(logits).toHaveLength(1000);
    for (const [node, ck] of [
      ['conv1.2', 'conv1'],
      ['maxpool', 'maxpool'],
      ['fc', 'fc'],
    ] as const) {
      const m = maps.get(node)!;
      const c = f.checkpoints.find((k) => k.name === ck)!;
      expect(m.shape).toEqual(c.shape);
      expect(m.layout).toBe(c.shape.length === 4 ? 'NCHW' : 'NF');
      c.first!.forEach((v, i) => expect(m.data[i]).toBeCloseTo(v, 4));
      for (const [idx, v] of Object.entries(c.probes ?? {})) expect(m.data[Number(idx)]).toBeCloseTo(v, 4);
    }
    const all = await readFeatureMaps(model, x, 'all');
    expect(all.maps.size).toBe(graph.nodes.length);
    for (const n of graph.nodes) expect(all.maps.get(n.name)!.shape.slice(1)).toEqual([...n.outShape]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('profiles every step of the fused forward with MACs from lib/arch, wall timer on wasm, and a whole-model time', async () => {
    await useBackend('wasm');
    const model = Model.create(graph, hashInit(fixtureKeys(f)));
    const x = inputFromNCHW(hashInput([1, 3, 64, 64]), [1, 3, 64, 64]);
    const progress: number[] = [];
    const p = await profileModel(model, x, { warmup: 1, repeats: 3, onProgress: (d) => progress.push(d) });
    // Steps of the fused forward: every node in exactly one, BN and ReLU folded into their conv.
    expect(p.layers.flatMap((l) => l.nodes).sort()).toEqual(graph.nodes.map((n) => n.name).sort());
    expect(p.layers.length).toBeLessThan(graph.nodes.length);
    expect(p.timers).toEqual(['wall']);
    // The 3 recorded passes, plus any the profiler added until the typical pass settled: the same
    // number for every step (each sample is one whole traced pass), one plain pass beside each.
    const passes = p.layers[0].samples.length;
    expect(passes).toBeGreaterThanOrEqual(3);
    expect(p.layers.every((l) => l.samples.length === passes && l.ms >= 0)).toBe(true);
    expect(p.wholeSamples.length).toBe(passes);
    expect(p.layers.reduce((s, l) => s + l.macs, 0)).toBe(graphCost(graph).total.macs);
    expect(p.wholeMs).toBeGreaterThan(0);
    expect(Number.isFinite(p.relativeGap)).toBe(true);
    // warm-up + (traced + whole) per repeat + the extra passes that resolve short steps.
    expect(progress.at(-1)).toBe(1 + 2 * 3 + 1);
    x.dispose();
    model.dispose();
  });
});
