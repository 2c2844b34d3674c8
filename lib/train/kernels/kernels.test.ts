/**
 * The training kernels registered for wasm equal the cpu backend's native kernels of the same
 * name on a table of geometries, free every intermediate, and make tf.grad through tf.conv2d /
 * tf.depthwiseConv2d on wasm equal cpu's.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
// Aliased: the name starts with "use" but it is no React hook (react-hooks/rules-of-hooks).
import { useBackend as switchBackend } from '../../runtime/testing/fixtures.node';
import { hashU } from '../../runtime/weights/hash-init';
import { ensureTrainingKernels, registerTrainingKernels, TRAINING_KERNELS } from './index';

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly c: number;
  /** Output channels (dense) or channel multiplier (depthwise). */
  readonly out: number;
  readonly k: [number, number];
  readonly s: [number, number];
  readonly pad: Pad;
}

const sym = (ph: number, pw: number): Pad => [
  [0, 0],
  [ph, ph],
  [pw, pw],
  [0, 0],
];

// Kernel 1/3/5/7, stride 1/2, padding 0..3 (explicit, as the runtime passes it), odd and even
// sizes, batch 1 and 3, plus tfjs' other padding forms, a pad wider than the kernel's reach,
// an asymmetric pad, and the 'packed' grouped conv's width stride (sw·cgIn).
const CASES: Case[] = [
  { n: 1, h: 5, w: 5, c: 3, out: 4, k: [1, 1], s: [1, 1], pad: sym(0, 0) },
  { n: 3, h: 6, w: 6, c: 4, out: 2, k: [1, 1], s: [2, 2], pad: sym(0, 0) },
  { n: 3, h: 7, w: 6, c: 8, out: 5, k: [1, 1], s: [1, 1], pad: 'valid' },
  { n: 2, h: 5, w: 5, c: 3, out: 6, k: [1, 1], s: [2, 2], pad: sym(0, 0) },
  { n: 1, h: 7, w: 7, c: 2, out: 3, k: [3, 3], s: [1, 1], pad: sym(1, 1) },
  { n: 3, h: 8, w: 8, c: 3, out: 2, k: [3, 3], s: [2, 2], pad: sym(1, 1) },
  { n: 3, h: 9, w: 9, c: 2, out: 2, k: [3, 3], s: [2, 2], pad: sym(1, 1) },
  { n: 1, h: 8, w: 9, c: 2, out: 3, k: [5, 5], s: [1, 1], pad: sym(2, 2) },
  { n: 3, h: 10, w: 10, c: 2, out: 1, k: [5, 5], s: [2, 2], pad: sym(2, 2) },
  { n: 1, h: 11, w: 11, c: 3, out: 2, k: [7, 7], s: [2, 2], pad: sym(3, 3) },
  { n: 3, h: 12, w: 12, c: 1, out: 2, k: [7, 7], s: [1, 1], pad: sym(3, 3) },
  { n: 1, h: 6, w: 7, c: 2, out: 2, k: [3, 3], s: [1, 1], pad: sym(0, 0) },
  { n: 3, h: 7, w: 6, c: 2, out: 2, k: [3, 3], s: [2, 2], pad: 'valid' },
  { n: 1, h: 8, w: 8, c: 2, out: 2, k: [3, 3], s: [2, 2], pad: 'same' },
  { n: 3, h: 7, w: 7, c: 2, out: 2, k: [5, 5], s: [2, 2], pad: 'same' },
  { n: 1, h: 7, w: 7, c: 2, out: 2, k: [3, 3], s: [1, 1], pad: 2 },
  { n: 1, h: 5, w: 5, c: 2, out: 2, k: [1, 1], s: [1, 1], pad: sym(1, 1) },
  {
    n: 3,
    h: 6,
    w: 7,
    c: 2,
    out: 2,
    k: [3, 3],
    s: [2, 1],
    pad: [
      [0, 0],
      [0, 1],
      [2, 1],
      [0, 0],
    ],
  },
  { n: 3, h: 6, w: 24, c: 2, out: 2, k: [3, 12], s: [2, 8], pad: sym(1, 4) },
];

const label = (c: Case, kind: string): string =>
  `${kind} n${c.n} ${c.h}x${c.w}x${c.c} → ${c.out} k${c.k.join('x')} s${c.s.join('x')} pad ${JSON.stringify(c.pad)}`;

function values(seed: number, size: number): Float32Array {
  return new Float32Array(size).map((_, i) => 2 * hashU(seed, i)); // hashU is in [−0.5, 0.5)
}

interface Spec {
  readonly kernel: string;
  readonly inputs: Record<string, { shape: number[]; data: Float32Array }>;
  readonly attrs: Record<string, unknown>;
}

function outShape(c: Case, depthwise: boolean): number[] {
  const info = tf.backend_util.computeConv2DInfo([c.n, c.h, c.w, c.c], [c.k[0], c.k[1], c.c, c.out], c.s, 1, c.pad, undefined, depthwise);
  return info.outShape;
}

function specs(c: Case): Spec[] {
  const xShape = [c.n, c.h, c.w, c.c];
  const dense = outShape(c, false);
  const dw = outShape(c, true);
  const base = { strides: c.s, pad: c.pad };
  const x = { shape: xShape, data: values(1, c.n * c.h * c.w * c.c) };
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  return [
    {
      kernel: 'Conv2DBackpropFilter',
      inputs: { x, dy: { shape: dense, data: values(2, size(dense)) } },
      attrs: { ...base, dataFormat: 'NHWC', filterShape: [c.k[0], c.k[1], c.c, c.out] },
    },
    {
      kernel: 'Conv2DBackpropInput',
      inputs: {
        dy: { shape: dense, data: values(6, size(dense)) },
        filter: { shape: [c.k[0], c.k[1], c.c, c.out], data: values(7, c.k[0] * c.k[1] * c.c * c.out) },
      },
      attrs: { ...base, dataFormat: 'NHWC', inputShape: xShape },
    },
    {
      kernel: 'DepthwiseConv2dNativeBackpropFilter',
      inputs: { x, dy: { shape: dw, data: values(3, size(dw)) } },
      attrs: { ...base, dilations: [1, 1], filterShape: [c.k[0], c.k[1], c.c, c.out] },
    },
    {
      kernel: 'DepthwiseConv2dNativeBackpropInput',
      inputs: {
        dy: { shape: dw, data: values(4, size(dw)) },
        filter: { shape: [c.k[0], c.k[1], c.c, c.out], data: values(5, c.k[0] * c.k[1] * c.c * c.out) },
      },
      attrs: { ...base, dilations: [1, 1], inputShape: xShape },
    },
  ];
}

async function runOn(backend: 'cpu' | 'wasm', s: Spec): Promise<{ shape: number[]; data: Float32Array }> {
  await switchBackend(backend);
  const ins: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(s.inputs)) ins[k] = tf.tensor(v.data, v.shape);
  const y = tf.engine().runKernel(s.kernel, ins, s.attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  const out = { shape: y.shape, data: (await y.data()) as Float32Array };
  tf.dispose([y, ...Object.values(ins)]);
  return out;
}

/** max |a − b| / max |b|. */
function relMaxErr(a: Float32Array, b: Float32Array): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

// Both sides are float32 sums of up to N·Ho·Wo = 3·12·12 (filter gradients) or kh·kw·M terms
// in different orders (XNNPACK's GEMM tiles vs cpu's loops): a few ulps of the largest value.
// 1e-5 of the largest value is ~100 float32 ulps; a wrong tap or crop is off by O(1).
const TOL = 1e-5;

describe('training kernels for wasm', () => {
  beforeAll(async () => {
    await switchBackend('wasm');
    registerTrainingKernels();
  });

  it('are registered for wasm only, idempotently', () => {
    for (const k of TRAINING_KERNELS) expect(tf.getKernel(k.kernelName, k.backendName)?.kernelFunc, k.kernelName).toBe(k.kernelFunc);
    expect(ensureTrainingKernels('wasm')).toEqual([]);
    // cpu has every one natively (and right): nothing to add, its own kernels stay in place.
    const names = TRAINING_KERNELS.map((k) => k.kernelName);
    const cpuOwn = names.map((k) => tf.getKernel(k, 'cpu'));
    expect(ensureTrainingKernels('cpu')).toEqual([]);
    expect(names.map((k) => tf.getKernel(k, 'cpu'))).toEqual(cpuOwn);
    for (const k of cpuOwn) expect(k).toBeDefined();
  });

  for (const c of CASES) {
    for (const kind of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'])
      it(label(c, kind), async () => {
        const s = specs(c).find((x) => x.kernel === kind)!;
        const ref = await runOn('cpu', s);
        await switchBackend('wasm');
        const backend = tf.backend();
        const ids = backend.numDataIds();
        const tensors = tf.memory().numTensors;
        const got = await runOn('wasm', s);
        expect(got.shape).toEqual(ref.shape);
        expect(relMaxErr(got.data, ref.data)).toBeLessThan(TOL);
        // Every intermediate of the composition is freed (backend buffers, not just tensors).
        expect(backend.numDataIds()).toBe(ids);
        expect(tf.memory().numTensors).toBe(tensors);
      });
  }

  it('reject what they do not implement, naming the attr', async () => {
    await switchBackend('wasm');
    const x = tf.zeros([1, 5, 5, 2]);
    const dy = tf.zeros([1, 5, 5, 2]);
    const f = tf.zeros([3, 3, 2, 1]);
    const run = (k: string, ins: Record<string, tf.Tensor>, attrs: Record<string, unknown>) => () =>
      tf.engine().runKernel(k, ins, attrs as unknown as tf.NamedAttrMap);
    const ids = tf.backend().numDataIds();
    expect(run('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dilations: [2, 2], filterShape: [3, 3, 2, 1] })).toThrow(
      /unsupported dilations/,
    );
    expect(run('DepthwiseConv2dNativeBackpropInput', { dy, filter: f }, { strides: 1, pad: 'same', dilations: 2, inputShape: [1, 5, 5, 2] })).toThrow(
      /unsupported dilations/,
    );
    expect(run('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 2, 2] })).toThrow(
      /unsupported dataFormat "NCHW"/,
    );
    expect(run('Conv2DBackpropFilter', { x, dy: tf.zeros([1, 4, 4, 2]) }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 2] })).toThrow(
      /dy has shape \[1,4,4,2\]/,
    );
    tf.dispose([x, dy, f]);
    expect(tf.backend().numDataIds()).toBeLessThanOrEqual(ids);
  });
});

describe('MaxPoolGrad on wasm (ours) equals cpu', () => {
  // Pool geometries of the five families (k3 s2 p1 stems, k2 s2, ceil_mode's extra bottom/right
  // row as the runtime pads it) on values that are all negative, ReLU-like (many exact zeros:
  // ties, which go to the FIRST maximum as in PyTorch) and mixed.
  const inputs: [string, (i: number) => number][] = [
    ['negative', (i) => -1 - Math.abs(hashU(7, i))],
    ['ReLU output with ties', (i) => Math.max(0, hashU(8, i))],
    ['mixed', (i) => 2 * hashU(9, i)],
  ];
  const geoms: { shape: [number, number, number, number]; k: number; s: number; pad: Pad }[] = [
    { shape: [2, 7, 7, 3], k: 3, s: 2, pad: 'valid' },
    { shape: [1, 8, 8, 2], k: 2, s: 2, pad: 'valid' },
    { shape: [3, 9, 10, 2], k: 3, s: 2, pad: 1 },
    { shape: [1, 6, 6, 4], k: 3, s: 2, pad: 'same' },
    { shape: [2, 5, 6, 1], k: 3, s: 1, pad: sym(1, 1) },
  ];
  for (const g of geoms)
    for (const [name, v] of inputs)
      it(`${name} ${g.shape.join('x')} k${g.k} s${g.s} pad ${JSON.stringify(g.pad)}`, async () => {
        const x = { shape: g.shape, data: new Float32Array(g.shape.reduce((a, b) => a * b, 1)).map((_, i) => v(i)) };
        const info = tf.backend_util.computePool2DInfo(g.shape, g.k, g.s, 1, g.pad);
        const dy = {
          shape: info.outShape,
          data: values(
            10,
            info.outShape.reduce((a, b) => a * b, 1),
          ),
        };
        // The forward output is an input of the kernel (tfjs passes it); compute it on cpu.
        await switchBackend('cpu');
        const y = tf.maxPool(tf.tensor4d(x.data, g.shape), g.k, g.s, g.pad);
        const out = { shape: y.shape, data: y.dataSync() as Float32Array };
        y.dispose();
        const spec: Spec = { kernel: 'MaxPoolGrad', inputs: { dy, input: x, output: out }, attrs: { filterSize: g.k, strides: g.s, pad: g.pad } };
        const ref = await runOn('cpu', spec);
        const got = await runOn('wasm', spec);
        expect(got.shape).toEqual(ref.shape);
        // Each dx is a sum of a few dy values: equal up to float32 addition order.
        expect(relMaxErr(got.data, ref.data)).toBeLessThan(1e-6);
      });
});

describe('SplitV on wasm (ours) equals cpu', () => {
  const cases: { shape: number[]; splits: number | number[]; axis: number; dtype?: 'int32' }[] = [
    { shape: [2, 3, 3, 8], splits: 4, axis: 3 }, // the 'split' grouped conv: channels into groups
    { shape: [3, 3, 2, 12], splits: 3, axis: 3 }, // its filter [kh, kw, cgIn, outC]
    { shape: [2, 3, 3, 8], splits: [3, 5], axis: -1 },
    { shape: [2, 5, 4, 3], splits: [2, -1], axis: 1 },
    { shape: [4, 2, 40], splits: 2, axis: 0 }, // long contiguous blocks
    { shape: [2, 6, 40], splits: [1, 2, 3], axis: 1 },
    { shape: [2, 3, 6], splits: 3, axis: 2, dtype: 'int32' },
  ];
  for (const c of cases)
    it(`[${c.shape}] into ${JSON.stringify(c.splits)} on axis ${c.axis}${c.dtype ? ` ${c.dtype}` : ''}`, async () => {
      const n = c.shape.reduce((a, b) => a * b, 1);
      const run = async (backend: 'cpu' | 'wasm') => {
        await switchBackend(backend);
        const x = c.dtype
          ? tf.tensor(
              Int32Array.from({ length: n }, (_, i) => i),
              c.shape,
              'int32',
            )
          : tf.tensor(values(14, n), c.shape);
        const parts = tf.split(x, c.splits, c.axis);
        const out = await Promise.all(parts.map(async (p) => ({ shape: p.shape, dtype: p.dtype, data: Array.from(await p.data()) })));
        tf.dispose([x, ...parts]);
        return out;
      };
      const ref = await run('cpu');
      const ids = (await switchBackend('wasm'), tf.backend().numDataIds());
      expect(await run('wasm')).toEqual(ref); // a copy: bit-exact
      expect(tf.backend().numDataIds()).toBe(ids);
    });
});

describe("Sum and Mean on wasm (ours over leading axes, wasm's own otherwise) equal cpu", () => {
  const cases: { shape: number[]; axis: number | number[]; keepDims: boolean; dtype?: 'int32' }[] = [
    { shape: [3, 5, 4, 6], axis: [0, 1, 2], keepDims: false }, // conv bias gradients
    { shape: [3, 5, 4, 6], axis: [0, 1, 2], keepDims: true },
    { shape: [60, 7], axis: 0, keepDims: true }, // batchnorm.ts's [M, C] view
    { shape: [4, 9], axis: [0], keepDims: false }, // linear bias gradients
    { shape: [2, 3, 4], axis: [1, 0], keepDims: false }, // unsorted
    { shape: [2, 3, 4, 5], axis: [-4, -3], keepDims: false }, // negative
    { shape: [2, 3, 4], axis: [0, 1, 2], keepDims: false }, // full: wasm's own
    { shape: [2, 3, 4, 5], axis: [1, 2], keepDims: true }, // inner: wasm's own (global pooling)
    { shape: [2, 3, 4], axis: [0, 2], keepDims: false }, // mixed: wasm's own
    { shape: [5, 4], axis: 0, keepDims: false, dtype: 'int32' }, // ints: wasm's own
  ];
  for (const kernel of ['Sum', 'Mean'])
    for (const c of cases)
      it(`${kernel} [${c.shape}] axis ${JSON.stringify(c.axis)}${c.keepDims ? ' keepDims' : ''}${c.dtype ? ` ${c.dtype}` : ''}`, async () => {
        const n = c.shape.reduce((a, b) => a * b, 1);
        const run = async (backend: 'cpu' | 'wasm') => {
          await switchBackend(backend);
          const x = c.dtype
            ? tf.tensor(
                Int32Array.from({ length: n }, (_, i) => (i * 7) % 11),
                c.shape,
                'int32',
              )
            : tf.tensor(values(13, n), c.shape);
          const y = tf.engine().runKernel(kernel, { x }, { axis: c.axis, keepDims: c.keepDims } as unknown as tf.NamedAttrMap) as tf.Tensor;
          const out = { shape: y.shape, dtype: y.dtype, data: Float32Array.from(await y.data()) };
          tf.dispose([x, y]);
          return out;
        };
        const ref = await run('cpu');
        const ids = (await switchBackend('wasm'), tf.backend().numDataIds());
        const got = await run('wasm');
        expect(tf.backend().numDataIds()).toBe(ids);
        expect(got.shape).toEqual(ref.shape);
        expect(got.dtype).toBe(ref.dtype);
        // Sums of ≤ 120 float32 values in another order: a few ulps of the largest partial sum.
        expect(relMaxErr(got.data, ref.data)).toBeLessThan(1e-6);
      });
});

describe("AvgPoolGrad on wasm (wasm's own) equals cpu", () => {
  // Not ours: pinned because the runtime's average pooling (pool.ts: zero padding, then a
  // 'valid' pool) differentiates through it on every backend.
  const geoms: { shape: [number, number, number, number]; k: number; s: number; pad: Pad }[] = [
    { shape: [2, 8, 8, 3], k: 2, s: 2, pad: 'valid' },
    { shape: [1, 9, 9, 2], k: 3, s: 2, pad: 'valid' },
    { shape: [3, 7, 6, 2], k: 3, s: 1, pad: 'valid' },
    { shape: [1, 6, 6, 4], k: 3, s: 2, pad: 'same' },
  ];
  for (const g of geoms)
    it(`${g.shape.join('x')} k${g.k} s${g.s} pad ${JSON.stringify(g.pad)}`, async () => {
      const info = tf.backend_util.computePool2DInfo(g.shape, g.k, g.s, 1, g.pad);
      const spec: Spec = {
        kernel: 'AvgPoolGrad',
        inputs: {
          dy: {
            shape: info.outShape,
            data: values(
              11,
              info.outShape.reduce((a, b) => a * b, 1),
            ),
          },
          input: {
            shape: g.shape,
            data: values(
              12,
              g.shape.reduce((a, b) => a * b, 1),
            ),
          },
        },
        attrs: { filterSize: g.k, strides: g.s, pad: g.pad },
      };
      const ref = await runOn('cpu', spec);
      const got = await runOn('wasm', spec);
      expect(got.shape).toEqual(ref.shape);
      expect(relMaxErr(got.data, ref.data)).toBeLessThan(1e-6);
    });
});

describe('tf.grad through conv2d / depthwiseConv2d: wasm equals cpu', () => {
  const geoms: { n: number; hw: number; c: number; out: number; k: number; s: number; p: number }[] = [
    { n: 2, hw: 9, c: 3, out: 4, k: 3, s: 2, p: 1 },
    { n: 3, hw: 8, c: 4, out: 2, k: 5, s: 1, p: 2 },
    { n: 1, hw: 10, c: 2, out: 3, k: 7, s: 2, p: 3 },
    { n: 2, hw: 6, c: 5, out: 1, k: 1, s: 1, p: 0 },
  ];
  for (const g of geoms)
    for (const depthwise of [false, true])
      it(`${depthwise ? 'depthwise' : 'dense'} n${g.n} ${g.hw}² c${g.c}→${g.out} k${g.k} s${g.s} p${g.p}`, async () => {
        const xs = values(11, g.n * g.hw * g.hw * g.c);
        const fs = values(12, g.k * g.k * g.c * g.out);
        const pad = sym(g.p, g.p) as tf.backend_util.ExplicitPadding;
        const grads = async (backend: 'cpu' | 'wasm') => {
          await switchBackend(backend);
          const before = tf.memory().numTensors;
          const x = tf.tensor4d(xs, [g.n, g.hw, g.hw, g.c]);
          const f = tf.tensor4d(fs, [g.k, g.k, g.c, g.out]);
          // A non-uniform upstream gradient (sum(y·y)/2 → dy = y) exercises every tap.
          const loss = (a: tf.Tensor, b: tf.Tensor) => {
            const [a4, b4] = [a as tf.Tensor4D, b as tf.Tensor4D];
            const y = depthwise ? tf.depthwiseConv2d(a4, b4, g.s, pad) : tf.conv2d(a4, b4, g.s, pad);
            return tf.mul(tf.sum(tf.square(y)), 0.5);
          };
          const [dx, df] = tf.grads(loss)([x, f]);
          const out = { dx: (await dx.data()) as Float32Array, df: (await df.data()) as Float32Array };
          tf.dispose([x, f, dx, df]);
          expect(tf.memory().numTensors).toBe(before);
          return out;
        };
        const cpu = await grads('cpu');
        const wasm = await grads('wasm');
        expect(relMaxErr(wasm.dx, cpu.dx)).toBeLessThan(TOL);
        expect(relMaxErr(wasm.df, cpu.df)).toBeLessThan(TOL);
      });
});
