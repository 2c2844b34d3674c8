/**
 * Grad-CAM and saliency on small graphs: Grad-CAM equals eq. 1–2 computed by hand from the
 * activation and finite-difference gradients; the default layer is the map the classifier's
 * global pool reads (found from op kinds); SmoothGrad with zero noise is the vanilla gradient,
 * reports progress per copy, and a cancel mid-way leaves no tensors behind.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { INPUT } from '../arch/ir';
import { buildGraph, modelIdsFor, parityDenseNetSmall, parityResNeXtSmall } from '../arch';
import { isCancelled } from '../runtime/cancel';
import { Model, inputFromNCHW } from '../runtime/executor';
import { GraphBuilder } from '../runtime/testing/builder';
import { useBackend } from '../runtime/testing/fixtures.node';
import { hashInput } from '../runtime/weights/hash-init';
import { heInit } from '../runtime/weights/he-init';
import { allOps } from '../train/testing/graphs';
import { classScore, differentiableForward } from './forward';
import { gradCam } from './gradcam';
import { defaultCamLayer, isSpatial, spatialLayers } from './layers';
import { saliency, smoothGrad } from './saliency';

function model(): Model {
  const graph = allOps({ bn: true, size: 12 });
  const sd = heInit(graph, 4);
  for (const [k, t] of sd) if (k === 'fc.weight') sd.set(k, { shape: t.shape, data: t.data.map((v) => v * 100) });
  return Model.create(graph, sd);
}

describe('default Grad-CAM layer (from op kinds)', () => {
  it('is the input of the global pool before the classifier, for every family and the digits models', () => {
    const want: Record<string, string> = {
      densenet_small: 'features.relu5',
      resnext_small: 'layer4.0.relu3',
      shufflenet_v2_x0_5: 'conv5.2',
      mnasnet0_5: 'layers.16',
    };
    const graphs = {
      densenet_small: parityDenseNetSmall(64),
      resnext_small: parityResNeXtSmall(64),
      shufflenet_v2_x0_5: buildGraph('shufflenet_v2_x0_5', { size: 64 }),
      mnasnet0_5: buildGraph('mnasnet0_5', { size: 64 }),
    };
    for (const [id, g] of Object.entries(graphs)) expect(defaultCamLayer(g), id).toBe(want[id]);
    for (const id of modelIdsFor('digits')) {
      const g = buildGraph(id);
      const layer = g.nodes.find((n) => n.name === defaultCamLayer(g))!;
      const reader = g.nodes.find((n) => n.inputs.includes(layer.name))!;
      expect(reader.op.kind, id).toBe('gap');
    }
  });

  it('skips squeeze-and-excitation vectors and falls back to the flattened map without a pool', () => {
    const g = allOps({ bn: false });
    expect(spatialLayers(g).some((n) => n.name === 'se.pool')).toBe(false);
    expect(defaultCamLayer(g)).toBe('avgpool');
    const b = new GraphBuilder([1, 6, 6]);
    let x = b.conv('c', INPUT, 2, 3, 1, 1);
    x = b.flatten('f', x);
    const flat = b.build('flat', b.linear('fc', x, 3));
    expect(defaultCamLayer(flat)).toBe('c');
    expect(isSpatial(flat.nodes[0])).toBe(true);
  });
});

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`explanations on ${backend}`, () => {
    it('Grad-CAM is eq. 1–2 of the activation and its gradient', async () => {
      await useBackend(backend);
      const m = model();
      const x = inputFromNCHW(hashInput([1, 3, 12, 12]), [1, 3, 12, 12]);
      const base = tf.memory().numTensors;
      const layer = 'cat';
      const r = await gradCam(m, x, { layer, classIndex: 2 });
      expect(tf.memory().numTensors).toBe(base);
      const [c, h, w] = m.graph.nodes.find((n) => n.name === layer)!.outShape;
      expect([r.height, r.width, r.alpha.length]).toEqual([h, w, c]);
      // By hand: A from a plain forward, dA by central differences of the score (it is linear in a
      // perturbation of A up to the ReLU kinks downstream, which a small step rarely crosses).
      const A = tf.tidy(
        () =>
          differentiableForward(m, x, { capture: [layer] })
            .captured.get(layer)!
            .dataSync() as Float32Array,
      );
      const score = (p: Float32Array) =>
        tf.tidy(() => classScore(differentiableForward(m, x, { perturb: new Map([[layer, tf.tensor4d(p, [1, h, w, c])]]) }).logits, 2).dataSync()[0]);
      const eps = 1e-2;
      const alpha = new Float64Array(c);
      const p = new Float32Array(h * w * c);
      for (let i = 0; i < p.length; i++) {
        p[i] = eps;
        const up = score(p);
        p[i] = -eps;
        const down = score(p);
        p[i] = 0;
        alpha[i % c] += (up - down) / (2 * eps) / (h * w);
      }
      const cam = new Float64Array(h * w);
      for (let i = 0; i < h * w; i++) {
        let s = 0;
        for (let k = 0; k < c; k++) s += alpha[k] * A[i * c + k];
        cam[i] = Math.max(0, s);
      }
      let err = 0;
      let ref = 0;
      for (let i = 0; i < h * w; i++) {
        err += (r.cam[i] - cam[i]) ** 2;
        ref += cam[i] ** 2;
      }
      expect(ref).toBeGreaterThan(0);
      expect(Math.sqrt(err / ref)).toBeLessThan(2e-3);
      for (let k = 0; k < c; k++) expect(Math.abs(r.alpha[k] - alpha[k])).toBeLessThan(2e-3 * Math.max(...alpha.map(Math.abs)));
      expect(r.score).toBeCloseTo(score(p), 4);
      await expect(gradCam(m, x, { layer: 'se.pool', classIndex: 0 })).rejects.toThrow(/spatial output/);
      await expect(gradCam(m, x, { layer: 'cat', classIndex: 9 })).rejects.toThrow(/not one of the 5 outputs/);
      expect(tf.memory().numTensors).toBe(base);
      x.dispose();
      m.dispose();
    });

    it('SmoothGrad without noise is the vanilla gradient; progress per copy; no tensors left', async () => {
      await useBackend(backend);
      const m = model();
      const x = inputFromNCHW(hashInput([1, 3, 12, 12]), [1, 3, 12, 12]);
      const base = tf.memory().numTensors;
      const v = await saliency(m, x, 1);
      expect(v.map.length).toBe(144);
      expect(Math.max(...v.map)).toBeGreaterThan(0);
      // By hand: max over channels of |∂y/∂x|.
      const g = tf.tidy(
        () =>
          tf
            .grad((xx: tf.Tensor) => classScore(differentiableForward(m, xx as tf.Tensor4D).logits, 1))(x)
            .dataSync() as Float32Array,
      );
      for (let i = 0; i < 144; i++) expect(v.map[i]).toBeCloseTo(Math.max(Math.abs(g[3 * i]), Math.abs(g[3 * i + 1]), Math.abs(g[3 * i + 2])), 6);
      const seen: number[] = [];
      const s0 = await smoothGrad(m, x, { classIndex: 1, samples: 3, noise: 0, onProgress: (d) => seen.push(d) });
      expect(seen).toEqual([1, 2, 3]);
      for (let i = 0; i < 144; i++) expect(s0.map[i]).toBeCloseTo(v.map[i], 6);
      // With noise: reproducible per seed, different from the vanilla map.
      const a = await smoothGrad(m, x, { classIndex: 1, samples: 4, noise: 0.15, seed: 7 });
      const b = await smoothGrad(m, x, { classIndex: 1, samples: 4, noise: 0.15, seed: 7 });
      expect(a.map).toEqual(b.map);
      expect(a.map).not.toEqual(v.map);
      expect(tf.memory().numTensors).toBe(base);
      x.dispose();
      m.dispose();
    });

    it('a cancelled SmoothGrad stops between copies and frees everything', async () => {
      await useBackend(backend);
      const m = model();
      const x = inputFromNCHW(hashInput([1, 3, 12, 12]), [1, 3, 12, 12]);
      const base = tf.memory().numTensors;
      const ctrl = new AbortController();
      let done = 0;
      const run = smoothGrad(m, x, {
        classIndex: 0,
        samples: 50,
        signal: ctrl.signal,
        onProgress: (d) => {
          done = d;
          if (d === 2) ctrl.abort();
        },
      });
      const e = await run.catch((err: unknown) => err);
      expect(isCancelled(e)).toBe(true);
      expect(done).toBe(2);
      expect(tf.memory().numTensors).toBe(base);
      x.dispose();
      m.dispose();
    });
  });
}
