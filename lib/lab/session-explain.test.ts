/**
 * Explanations through the lab's run session (wasm): Grad-CAM on the default layer and a chosen
 * one, saliency, SmoothGrad with progress and a cancel mid-way; each a job of the page queue with
 * its tensor check reported, the tensor count back at the loaded level after each, and at the
 * baseline after dispose.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { isCancelled } from '../runtime/cancel';
import type { TensorCheck } from '../runtime/tensors';
import { RunSession } from './session';

const image = { width: 80, height: 72, data: new Uint8ClampedArray(80 * 72 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256)) };

describe('RunSession.explain on wasm', () => {
  it('computes Grad-CAM, saliency and SmoothGrad as jobs, cancels between copies, leaks nothing', async () => {
    const s = await RunSession.open('wasm');
    const baseline = tf.memory().numTensors;
    await s.setInput(image);
    expect(await s.load(buildGraph('mnasnet0_5', { size: 64 }), { kind: 'seeded', seed: 3 })).toEqual({ ok: true });
    const { top5 } = await s.run();
    const loaded = tf.memory().numTensors;
    const checks: TensorCheck[] = [];
    const cam = await s.explain({ method: 'gradcam', classIndex: top5[0].index, onTensors: (c) => checks.push(c) });
    expect(cam.layer).toBe('layers.16');
    expect([cam.height, cam.width]).toEqual([2, 2]);
    expect(checks).toEqual([{ before: loaded, after: loaded }]);
    const mid = await s.explain({ method: 'gradcam', classIndex: top5[1].index, layer: 'layers.8.2.add' });
    expect([mid.height, mid.width]).toEqual([16, 16]);
    expect(mid.map.some((v) => v > 0)).toBe(true);
    const sal = await s.explain({ method: 'saliency', classIndex: top5[0].index });
    expect([sal.height, sal.width, sal.layer]).toEqual([64, 64, null]);
    const done: number[] = [];
    const sg = await s.explain({ method: 'smoothgrad', classIndex: top5[0].index, samples: 3, onProgress: (d) => done.push(d) });
    expect(done).toEqual([1, 2, 3]);
    expect(sg.samples).toBe(3);
    expect(tf.memory().numTensors).toBe(loaded);

    const ctrl = new AbortController();
    const err = await s
      .explain({ method: 'smoothgrad', classIndex: 0, samples: 40, signal: ctrl.signal, onProgress: (d) => d === 2 && ctrl.abort() })
      .catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    expect(tf.memory().numTensors).toBe(loaded);
    await expect(s.explain({ method: 'gradcam', classIndex: 0, layer: 'mean' })).rejects.toThrow(/spatial output/);
    expect(tf.memory().numTensors).toBe(loaded);
    s.dispose();
    expect(s.numTensors()).toBe(baseline);
  });

  it("explains ResNeXt on wasm with its grouped convs split, the same map as the model's own form", async () => {
    const { Model } = await import('../runtime/executor');
    const { heInit } = await import('../runtime/weights/he-init');
    const { saliency } = await import('../explain/saliency');
    const { relL2 } = await import('../runtime/testing/fixtures.node');
    const graph = buildGraph('resnext_digits');
    const s = await RunSession.open('wasm');
    const digit = { width: 28, height: 28, data: new Uint8ClampedArray(28 * 28 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 53) % 256)) };
    await s.setInput(digit, 'digits');
    expect(await s.load(graph, { kind: 'seeded', seed: 5 })).toEqual({ ok: true });
    await s.run();
    const loaded = tf.memory().numTensors;
    const got = await s.explain({ method: 'saliency', classIndex: 3 });
    expect(tf.memory().numTensors).toBe(loaded);
    // The reference: the executor's default form ('direct' on wasm, which runs as 'split' under
    // tf.grad), on the same input tensor.
    const model = Model.create(graph, heInit(graph, 5));
    expect(model.groupConv).toBe('direct');
    const { digitTensor } = await import('./digits-input');
    const x = digitTensor(tf, digit, 28);
    const want = await saliency(model, x, 3);
    expect(relL2(got.map, want.map)).toBeLessThan(1e-5);
    tf.dispose(x);
    model.dispose();
    s.dispose();
  });
});
