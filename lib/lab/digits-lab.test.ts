/**
 * The lab with a digits model, end to end in Node on wasm: a test digit as input (exactly the
 * dataset's values), digit class names, the digit as the preview, a profile at another size, the
 * test accuracy through the session's fused model (equal to evaluateModel on the same weights),
 * cancel, and numTensors back to its baseline after dispose.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { loadDigitsNode } from '../data/digits/node';
import { isCancelled } from '../runtime/cancel';
import { evaluateModel } from '../runtime/evaluate';
import { Model } from '../runtime/executor';
import { heInit } from '../runtime/weights/he-init';
import type { LabelledImages } from '../train/types';
import { DIGIT_CLASSES, digitImage, digitTensor, greyImage, greyValues } from './digits-input';
import { RunSession } from './session';

let test: LabelledImages;
beforeAll(() => {
  test = loadDigitsNode().test;
});

describe('digit input', () => {
  it('a test digit round-trips to exactly the dataset values, [1, 28, 28, 1]', async () => {
    await tf.setBackend('cpu');
    const img = digitImage(test, 5);
    expect([img.width, img.height]).toEqual([28, 28]);
    expect(greyValues(img)).toEqual(test.images.subarray(5 * 784, 6 * 784));
    const x = digitTensor(tf, img, 28);
    expect(x.shape).toEqual([1, 28, 28, 1]);
    expect(await x.data()).toEqual(test.images.subarray(5 * 784, 6 * 784));
    x.dispose();
    const big = digitTensor(tf, img, 56);
    expect(big.shape).toEqual([1, 56, 56, 1]);
    big.dispose();
    expect(() => digitImage(test, 2000)).toThrow(/no test digit 2000 \(the split has 2000: 0 to 1999\)/);
  });

  it('a drawn digit (grey values in [0, 1]) becomes the same 8-bit grey image a test digit does', () => {
    const px = test.images.subarray(5 * 784, 6 * 784);
    const img = greyImage(px, 28, 28);
    expect(img.data).toEqual(digitImage(test, 5).data);
    expect(greyValues(img)).toEqual(Float32Array.from(px));
    expect(() => greyImage(new Float32Array(10), 28, 28)).toThrow(/28×28 digit has 784 values, not 10/);
  });
});

describe('RunSession with a digits model on wasm', () => {
  it('runs on a digit, profiles, tests accuracy like evaluateModel, cancels, and frees everything', async () => {
    const graph = buildGraph('resnet_digits');
    const s = await RunSession.open('wasm');
    const baseline = tf.memory().numTensors;
    const digit = digitImage(test, 0);
    await s.setInput(digit, 'digits');
    expect(s.dataset).toBe('digits');
    expect(await s.load(graph, { kind: 'seeded', seed: 0 })).toEqual({ ok: true });
    const r = await s.run();
    expect(r.logits).toHaveLength(10);
    expect(r.top5.every((p) => DIGIT_CLASSES.includes(p.label))).toBe(true);
    expect(r.inputPreview.width).toBe(28);
    expect([...r.inputPreview.data]).toEqual([...digit.data]);

    const p = await s.profile({ size: 56, warmup: 0, repeats: 1 });
    expect(p.size).toBe(56);

    const few: LabelledImages = { images: test.images.subarray(0, 120 * 784), shape: [120, 1, 28, 28], labels: test.labels.subarray(0, 120) };
    const seen: number[] = [];
    const e = await s.evaluate(few, { batchSize: 50, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([50, 100, 120]);
    expect(e.n).toBe(120);
    // The same weights in a Model of their own give the same predictions.
    const ref = Model.create(graph, heInit(graph, 0));
    const e2 = await evaluateModel(ref, few, { batchSize: 120 });
    ref.dispose();
    expect([...e.predictions]).toEqual([...e2.predictions]);
    expect(e.confusion).toEqual(e2.confusion);

    const ctrl = new AbortController();
    const err = await s.evaluate(few, { batchSize: 20, signal: ctrl.signal, onProgress: (d) => d >= 40 && ctrl.abort() }).catch((x: unknown) => x);
    expect(isCancelled(err)).toBe(true);
    // The session still runs after a cancelled test.
    expect((await s.run()).logits).toHaveLength(10);

    await s.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
