/**
 * The comparison of what each digits model learned: the layer it shows is picked by role (the same
 * on a scrambled graph), and running all five, one job each, leaves no tensor behind, also when
 * cancelled between models or while a model runs.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph, modelIdsFor } from '@/lib/arch';
import { scrambleNames } from '@/lib/arch/testing/scramble';
import { forgetBackends } from '@/lib/runtime/active-backend';
import { isCancelled } from '@/lib/runtime/cancel';
import { heInit } from '@/lib/runtime/weights/he-init';
import { topChannels } from './channels';
import { comparableLayer } from './layer';
import { compareDigits, type CompareRequest } from './run';

afterEach(() => forgetBackends());

const IDS = modelIdsFor('digits');
const digit = Float32Array.from({ length: 28 * 28 }, (_, i) => (((i % 28) - 14) ** 2 + (Math.floor(i / 28) - 14) ** 2 < 60 ? 1 : 0)); // a ring: a zero

describe('the comparable layer', () => {
  it('is the last (or first) feature stage’s output, by role', () => {
    const last = Object.fromEntries(IDS.map((id) => [id, comparableLayer(buildGraph(id), 'last')]));
    expect(Object.fromEntries(IDS.map((id) => [id, [last[id].stage.role, last[id].node.outShape.join('x'), `${last[id].index}/${last[id].of}`]]))).toEqual({
      densenet_digits: ['dense-block', '90x7x7', '3/3'],
      resnext_digits: ['stage', '512x7x7', '2/2'],
      resnet_digits: ['stage', '512x7x7', '2/2'],
      shufflenet_v2_digits: ['stage', '192x4x4', '3/3'],
      mnasnet_digits: ['stage', '112x2x2', '6/6'],
    });
    expect(comparableLayer(buildGraph('densenet_digits'), 'first').node.outShape).toEqual([72, 28, 28]);
    for (const id of IDS) {
      const g = buildGraph(id);
      const { graph, original } = scrambleNames(g);
      expect(original(comparableLayer(graph, 'last').node.name)).toBe(comparableLayer(g, 'last').node.name);
    }
  });

  it('ranks channels by mean |activation|', () => {
    const map = { shape: [1, 3, 1, 2], data: Float32Array.from([1, 1, -3, 0, 0.5, 2.5]) };
    // channel 0: (1 + 1) / 2 = 1; channel 1: (3 + 0) / 2 = 1.5; channel 2: (0.5 + 2.5) / 2 = 1.5
    expect(topChannels(map, 2)).toEqual([
      { channel: 1, meanAbs: 1.5 },
      { channel: 2, meanAbs: 1.5 },
    ]);
    expect(topChannels(map, 5).map((r) => r.channel)).toEqual([1, 2, 0]); // a tie: the lower channel first
  });
});

describe('running the five models', () => {
  const request = (over: Partial<CompareRequest> = {}): CompareRequest => ({
    ids: IDS,
    digit,
    pick: 'last',
    backend: 'wasm',
    seed: 3,
    // One model "has no trained file": it must run on random weights and say so.
    loadWeights: async (id) => {
      if (id === 'shufflenet_v2_digits') throw new Error('no file');
      return heInit(buildGraph(id), 1);
    },
    testAccuracy: () => 0.99,
    ...over,
  });

  it('one row per model, in order, with predictions, maps and costs; every tensor freed', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const progress: string[] = [];
    const rows = await compareDigits(request({ onProgress: (_d, _t, label) => progress.push(label) }));
    expect(tf.memory().numTensors).toBe(before);
    expect(rows.map((r) => r.id)).toEqual(IDS);
    for (const r of rows) {
      expect(r.probabilities).toHaveLength(10);
      expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(r.map.shape.slice(1)).toEqual(buildGraph(r.id).nodes.find((n) => n.name === r.layer.node)!.outShape);
      expect(r.tensorsAfter).toBe(r.tensorsBefore);
    }
    expect(rows.find((r) => r.id === 'shufflenet_v2_digits')!.weights).toEqual({ kind: 'random', seed: 3, reason: 'no file' });
    expect(rows.find((r) => r.id === 'densenet_digits')!.weights).toEqual({ kind: 'trained', testAccuracy: 0.99 });
    expect(rows.find((r) => r.id === 'densenet_digits')!.params).toBe(102_346);
    expect(progress.at(-1)).toBe('mnasnet_digits (5 of 5): done');
  });

  it('a cancel between models or during one stops it and frees everything', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const between = new AbortController();
    const seen: string[] = [];
    const a = compareDigits(request({ signal: between.signal, onRow: (r) => (seen.push(r.id), r.id === IDS[1] && between.abort()) }));
    await expect(a).rejects.toSatisfy(isCancelled);
    expect(seen).toEqual(IDS.slice(0, 2));
    expect(tf.memory().numTensors).toBe(before);

    const during = new AbortController();
    const b = compareDigits(request({ signal: during.signal, onStart: () => during.abort() }));
    await expect(b).rejects.toSatisfy(isCancelled);
    expect(tf.memory().numTensors).toBe(before);
  });
});
