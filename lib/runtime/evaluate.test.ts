import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CancelledError, isCancelled } from './cancel';
import { argmaxRows, evalReport, evaluateModel } from './evaluate';
import { Model, inputFromNCHW } from './executor';
import { GraphBuilder } from './testing/builder';
import { useBackend } from './testing/fixtures.node';
import { heInit } from './weights/he-init';
import { hashInput } from './weights/hash-init';
import type { LabelledImages } from '../train/types';

/** A tiny 1×28×28 → 10 network (conv, BN, ReLU, global pool, linear). */
function tinyDigitsGraph() {
  const b = new GraphBuilder([1, 28, 28]);
  let x = b.conv('conv1', 'input', 8, 3, 2, 1);
  x = b.bn('bn1', x);
  x = b.act('relu1', x);
  x = b.gap('pool', x, false);
  x = b.linear('fc', x, 10);
  return b.build('tiny_digits', x);
}

function data(n: number): LabelledImages {
  return { images: hashInput([n, 1, 28, 28]), shape: [n, 1, 28, 28], labels: Int32Array.from({ length: n }, (_, i) => (i * 7) % 10) };
}

describe('evaluateModel', () => {
  it('argmaxRows and evalReport', () => {
    expect([...argmaxRows([0, 2, 1, 5, 5, 0], 3)]).toEqual([1, 0]);
    const r = evalReport([0, 1, 1, 2], [0, 1, 2, 2], 3);
    expect(r).toEqual({
      accuracy: 0.75,
      n: 4,
      confusion: [
        [1, 0, 0],
        [0, 1, 1],
        [0, 0, 1],
      ],
    });
  });

  it('predictions equal the argmax of a single-image predict, in any batch size, with no tensors left', async () => {
    await useBackend('cpu');
    const graph = tinyDigitsGraph();
    const model = Model.create(graph, heInit(graph, 3));
    const d = data(23);
    // The reference: one image at a time.
    const ref = new Int32Array(23);
    for (let i = 0; i < 23; i++) {
      const x = inputFromNCHW(d.images.subarray(i * 784, (i + 1) * 784), [1, 1, 28, 28]);
      const y = model.predict(x);
      ref[i] = argmaxRows(await y.data(), 10)[0];
      x.dispose();
      y.dispose();
    }
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const e = await evaluateModel(model, d, { batchSize: 10, onProgress: (done, total) => seen.push(done, total) });
    expect(tf.memory().numTensors).toBe(before);
    expect([...e.predictions]).toEqual([...ref]);
    expect(seen).toEqual([10, 23, 20, 23, 23, 23]);
    expect(e.n).toBe(23);
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(23);
    expect(e.accuracy).toBe(ref.filter((p, i) => p === d.labels[i]).length / 23);
    const e7 = await evaluateModel(model, d, { batchSize: 7 });
    expect([...e7.predictions]).toEqual([...ref]);
    model.dispose();
  });

  it('cancel stops between batches with a CancelledError and frees everything', async () => {
    await useBackend('cpu');
    const graph = tinyDigitsGraph();
    const model = Model.create(graph, heInit(graph, 3));
    model.predict(inputFromNCHW(data(1).images, [1, 1, 28, 28])).dispose(); // fused filters built
    const before = tf.memory().numTensors;
    const ctrl = new AbortController();
    const err = await evaluateModel(model, data(50), { batchSize: 10, signal: ctrl.signal, onProgress: (done) => done >= 20 && ctrl.abort() }).catch(
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(CancelledError);
    expect(isCancelled(err)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses inconsistent data', async () => {
    await useBackend('cpu');
    const graph = tinyDigitsGraph();
    const model = Model.create(graph, heInit(graph, 3));
    const d = data(4);
    await expect(evaluateModel(model, { ...d, labels: Int32Array.of(1, 2) })).rejects.toThrow(/4 images but 2 labels/);
    await expect(evaluateModel(model, { ...d, labels: Int32Array.of(1, 2, 3, 12) })).rejects.toThrow(/label 12 is not among the model's 10 classes/);
    model.dispose();
  });
});
