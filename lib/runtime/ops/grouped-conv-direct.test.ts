/**
 * Layerwise's direct convolution kernel (WebAssembly SIMD on wasm, JavaScript on cpu) against a
 * float64 reference, over the paths the kernel takes: every tile (4x8, 4x4 for an odd last block,
 * 4x4x2 for paired cgOut = 4 groups, 8x4), the border pixels, interiors narrower than a tile, each
 * constant-folded channel count (4..64) and the generic one, strides, paddings, kernels up to 7x7,
 * a batch of two, and its activations. Also the executor's use of it for dense convs.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../arch';
import { Model } from '../executor';
import { type GroupConvGeometry, prepareGroupConv, strategyRunsOn } from '../groupconv';
import { nchwToNhwc, nhwcToNchw } from '../layout';
import { defaultFastPaths } from '../plan';
import { useBackend } from '../testing/fixtures.node';
import { naiveConv2d } from '../testing/reference';
import { hashFillTensor, hashU } from '../weights/hash-init';
import { heInit } from '../weights/he-init';
import { denseDirectHere, directFilter, directFilterFromHWIO, directRunsHere } from './grouped-conv-direct';

type Case = GroupConvGeometry & { h: number; w: number; n?: number };
const g = (inC: number, outC: number, groups: number, k: number, s: number, p: number, h: number, w: number, n = 1): Case => ({
  inC,
  outC,
  groups,
  kernel: [k, k],
  stride: [s, s],
  padding: [p, p],
  h,
  w,
  n,
});

const CASES: Case[] = [
  g(128, 128, 32, 3, 1, 1, 12, 11), // ResNeXt 32x4d stage 1: cgIn 4, cgOut 4, paired groups
  g(12, 12, 3, 3, 1, 1, 9, 10), // cgOut 4, odd groups: 8x4 tiles
  g(256, 256, 32, 3, 2, 1, 13, 9, 2), // cgIn 8, stride 2, batch 2
  g(64, 64, 4, 3, 1, 1, 7, 7), // cgIn 16
  g(128, 128, 4, 3, 2, 1, 6, 5), // cgIn 32
  g(128, 64, 2, 3, 1, 1, 5, 9), // cgIn 64, cgOut 32
  g(36, 36, 3, 3, 1, 1, 4, 6), // generic cgIn 12, cgOut 12 (odd blocks: 4x8 + 4x4)
  g(48, 48, 2, 5, 1, 2, 8, 3), // 5x5, an interior narrower than a tile
  g(3, 64, 1, 7, 2, 3, 17, 15), // a dense stem: 7x7 stride 2, 3 input channels
  g(64, 32, 1, 1, 1, 0, 5, 6), // dense 1x1
  g(40, 24, 1, 3, 1, 1, 1, 1), // a 1x1 image: border pixels only
  g(16, 8, 1, 3, 2, 0, 4, 9), // no padding
];

const describeCase = (c: Case) => `${c.inC}->${c.outC} g${c.groups} k${c.kernel[0]} s${c.stride[0]} p${c.padding[0]} ${c.n ?? 1}x${c.h}x${c.w}`;

/** The float64 reference for a batch, NCHW, with per-channel scale and shift and an activation. */
function reference(c: Case, x: Float32Array, wt: Float32Array, scale: Float32Array, shift: Float32Array, act: 'relu' | 'relu6' | 'sigmoid' | null) {
  const n = c.n ?? 1;
  const per = c.inC * c.h * c.w;
  const outs = [];
  for (let i = 0; i < n; i++)
    outs.push(
      naiveConv2d(x.subarray(i * per, (i + 1) * per), [c.inC, c.h, c.w], wt, {
        outC: c.outC,
        k: [...c.kernel],
        s: [...c.stride],
        p: [...c.padding],
        groups: c.groups,
      }),
    );
  const [, ho, wo] = outs[0].shape;
  const y = new Float64Array(n * c.outC * ho * wo);
  outs.forEach((o, i) =>
    o.data.forEach((v, j) => {
      const ch = Math.floor(j / (ho * wo));
      const z = v * scale[ch] + shift[ch];
      y[i * o.data.length + j] =
        act === 'relu' ? Math.max(z, 0) : act === 'relu6' ? Math.min(Math.max(z, 0), 6) : act === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z;
    }),
  );
  return { y, ho, wo };
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`the direct conv kernel on ${backend}`, () => {
    for (const c of CASES)
      for (const act of [null, 'relu', 'relu6', 'sigmoid'] as const)
        it(`${describeCase(c)}, ${act ?? 'no activation'}`, async () => {
          await useBackend(backend);
          const before = tf.memory().numTensors;
          const n = c.n ?? 1;
          const x = new Float32Array(n * c.inC * c.h * c.w).map((_, i) => 2 * hashU(11, i));
          const wt = hashFillTensor(5, 'conv.weight', [c.outC, c.inC / c.groups, c.kernel[0], c.kernel[1]]);
          const scale = new Float32Array(c.outC).map((_, i) => 0.5 + hashU(13, i));
          const shift = new Float32Array(c.outC).map((_, i) => hashU(17, i) - 0.3);
          const ref = reference(c, x, wt, scale, shift, act);
          const xt = tf.tensor4d(nchwToNhwc(x, n, c.inC, c.h, c.w), [n, c.h, c.w, c.inC]);
          const p = prepareGroupConv('direct', c, wt);
          expect(p.via).toBe(backend === 'wasm' ? 'wasm-simd' : 'js');
          const [sc, sh] = [tf.tensor1d(scale), tf.tensor1d(shift)];
          const f = p.fold!(sc, sh, null, act);
          const y = f.run(xt);
          expect(y.shape).toEqual([n, ref.ho, ref.wo, c.outC]);
          const got = nhwcToNchw(y.dataSync() as Float32Array, n, ref.ho, ref.wo, c.outC);
          let err = 0;
          let top = 0;
          for (let i = 0; i < got.length; i++) {
            err = Math.max(err, Math.abs(got[i] - ref.y[i]));
            top = Math.max(top, Math.abs(ref.y[i]));
          }
          expect(err / top).toBeLessThan(2e-6);
          tf.dispose([y, xt, sc, sh]);
          f.dispose();
          p.dispose();
          expect(tf.memory().numTensors).toBe(before);
        });

    // (On wasm the second geometry runs as 'packed', whose gradient is lib/train's business.)
    for (const c of [g(128, 128, 32, 3, 2, 1, 9, 8), ...(backend === 'cpu' ? [g(12, 6, 3, 3, 1, 1, 5, 5)] : [])])
      it(`${describeCase(c)}: under tf.grad it runs as 'split', with split's gradient, keeping nothing`, async () => {
        await useBackend(backend);
        const wt = hashFillTensor(5, 'conv.weight', [c.outC, c.inC / c.groups, 3, 3]);
        const x = tf.tensor4d(
          new Float32Array(c.h * c.w * c.inC).map((_, i) => hashU(3, i) - 0.5),
          [1, c.h, c.w, c.inC],
        );
        const dy = tf.tidy(() => tf.randomUniform(prepareGroupConv('split', c, wt).run(x).shape, -1, 1, 'float32', 9));
        const grad = (s: 'direct' | 'split') => {
          const p = prepareGroupConv(s, c, wt);
          const before = tf.memory().numTensors;
          const gx = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(p.run(xx as tf.Tensor4D), dy)))(x);
          expect(tf.memory().numTensors).toBe(before + 1);
          const out = gx.dataSync() as Float32Array;
          gx.dispose();
          p.dispose();
          return out;
        };
        const [a, b] = [grad('direct'), grad('split')];
        expect(Array.from(a)).toEqual(Array.from(b));
        tf.dispose([x, dy]);
      });

    it("hands a geometry its SIMD kernel cannot take (cgOut not a multiple of 4) to 'packed' on wasm", async () => {
      await useBackend(backend);
      const c = g(12, 6, 3, 3, 1, 1, 5, 5);
      expect(directRunsHere(c)).toBe(backend === 'cpu');
      const p = prepareGroupConv('direct', c, hashFillTensor(5, 'conv.weight', [6, 4, 3, 3]));
      expect(p.via).toBe(backend === 'wasm' ? 'packed' : 'js');
      p.dispose();
    });
  });
}

describe('the direct kernel in the executor', () => {
  it('runs where tfjs has the CPU to itself and not on GPU backends', () => {
    expect(strategyRunsOn('direct', 'wasm')).toBe(true);
    expect(strategyRunsOn('direct', 'cpu')).toBe(true);
    expect(strategyRunsOn('direct', 'webgl')).toBe(false);
    expect(strategyRunsOn('direct', 'webgpu')).toBe(false);
  });

  it('a dense HWIO filter and its torch weight give the same kernel layout', () => {
    const [outC, inC, k] = [12, 5, 3];
    const w = hashFillTensor(3, 'w', [outC, inC, k, k]);
    const hwio = new Float32Array(k * k * inC * outC);
    for (let o = 0; o < outC; o++)
      for (let ci = 0; ci < inC; ci++) for (let t = 0; t < k * k; t++) hwio[(t * inC + ci) * outC + o] = w[(o * inC + ci) * k * k + t];
    const geom: GroupConvGeometry = { inC, outC, groups: 1, kernel: [k, k], stride: [1, 1], padding: [1, 1] };
    expect(directFilterFromHWIO(hwio, k, k, inC, outC)).toEqual(directFilter(geom, w));
  });

  it("asked for 'prepack' (which only 'packed' takes), a 'direct' model leaves it out", async () => {
    await useBackend('wasm');
    const graph = buildGraph('resnext50_32x4d', { size: 32 });
    const m = Model.create(graph, heInit(graph, 1), { fast: ['prepack', 'direct'] });
    expect(m.groupConv).toBe('direct');
    expect([...m.fast]).toEqual(['direct']);
    const x = tf.zeros([1, 32, 32, 3]) as tf.Tensor4D;
    m.predict(x).dispose();
    x.dispose();
    m.dispose();
  });

  it("on wasm with one thread, plain forwards take the 'direct' fast path, equal to XNNPACK's, and free what they built", async () => {
    await useBackend('wasm');
    expect(denseDirectHere()).toBe(true); // Node: tfjs-backend-wasm without threads
    expect(defaultFastPaths('wasm', 'direct')).toContain('direct');
    expect(defaultFastPaths('cpu', 'direct')).not.toContain('direct');
    const graph = buildGraph('densenet121', { size: 32 });
    const sd = heInit(graph, 3);
    const before = tf.memory().numTensors;
    const x = tf.tidy(() => tf.randomUniform([1, 32, 32, 3], -1, 1, 'float32', 7) as tf.Tensor4D);
    const direct = Model.create(graph, sd);
    const xnn = Model.create(graph, sd, { fast: defaultFastPaths('wasm', 'direct').filter((f) => f !== 'direct') });
    const [a, b] = [direct.predict(x), xnn.predict(x)];
    const err = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / tf.max(tf.abs(b)).dataSync()[0]);
    expect(err).toBeLessThan(1e-5);
    tf.dispose([a, b, x]);
    direct.dispose();
    xnn.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
