/** The roofline cost model and arithmetic on hand-computed layers (float32, compulsory traffic). */
import { describe, expect, it } from 'vitest';
import type { Node, Op, Shape } from './ir';
import { ridgePoint, rooflineBound, rooflinePoint, stepWork } from './roofline';

const node = (name: string, op: Op, inShapes: Shape[], outShape: Shape): Node => ({
  name,
  op,
  inputs: inShapes.map((_, i) => `x${i}`),
  inShapes,
  outShape,
  group: null,
});
const conv = (inC: number, outC: number, k: number, groups = 1): Op => ({
  kind: 'conv',
  inC,
  outC,
  kernel: [k, k],
  stride: [1, 1],
  padding: [k >> 1, k >> 1],
  groups,
  bias: false,
});

const conv3 = node('c3', conv(16, 32, 3), [[16, 8, 8]], [32, 8, 8]);
const dw = node('dw', conv(32, 32, 3, 32), [[32, 8, 8]], [32, 8, 8]);
const pw = node('pw', conv(64, 128, 1), [[64, 4, 4]], [128, 4, 4]);
const cat = node(
  'cat',
  { kind: 'concat' },
  [
    [8, 4, 4],
    [8, 4, 4],
  ],
  [16, 4, 4],
);
const add = node(
  'add',
  { kind: 'add' },
  [
    [8, 4, 4],
    [8, 4, 4],
  ],
  [8, 4, 4],
);

describe('step work and traffic', () => {
  it('3×3 conv: 2·MACs FLOPs; input, weights and output read/written once', () => {
    const w = stepWork([conv3]);
    expect(w.macs).toBe(8 * 8 * 32 * 16 * 9); // 294,912
    expect(w.flops).toBe(589_824);
    expect(w.bytes).toEqual({ inputs: 16 * 64 * 4, weights: 32 * 16 * 9 * 4, outputs: 32 * 64 * 4, total: 4096 + 18432 + 8192 });
    expect(w.intensity).toBeCloseTo(589_824 / 30_720, 12); // 19.2 FLOP/B
  });
  it('depthwise 3×3: one input channel per filter, so few FLOPs per byte', () => {
    const w = stepWork([dw]);
    expect(w.macs).toBe(8 * 8 * 32 * 9);
    expect(w.bytes.total).toBe(8192 + 32 * 9 * 4 + 8192); // 17,536
    expect(w.intensity).toBeCloseTo(36_864 / 17_536, 12); // 2.1 FLOP/B
  });
  it('1×1 conv: the weights dominate the traffic at small maps', () => {
    const w = stepWork([pw]);
    expect(w.flops).toBe(2 * 16 * 128 * 64);
    expect(w.bytes).toEqual({ inputs: 4096, weights: 32_768, outputs: 8192, total: 45_056 });
    expect(w.intensity).toBeCloseTo(262_144 / 45_056, 12);
  });
  it('concat moves bytes and computes nothing; add does one FLOP per output element', () => {
    const c = stepWork([cat]);
    expect(c.flops).toBe(0);
    expect(c.bytes.total).toBe(1024 + 1024);
    expect(c.intensity).toBe(0);
    const a = stepWork([add]);
    expect(a.flops).toBe(128);
    expect(a.bytes.total).toBe(1024 + 512);
    expect(a.intensity).toBeCloseTo(1 / 12, 12);
  });
  it('a fused conv → BN → ReLU step: their FLOPs, but only the conv input, folded filter + bias, and the last output', () => {
    const bn = node('bn', { kind: 'bn', channels: 32, eps: 1e-5, momentum: 0.1 }, [[32, 8, 8]], [32, 8, 8]);
    const relu = node('relu', { kind: 'act', fn: 'relu' }, [[32, 8, 8]], [32, 8, 8]);
    const w = stepWork([conv3, bn, relu]);
    expect(w.flops).toBe(589_824 + 2048 + 2048);
    expect(w.bytes).toEqual({ inputs: 4096, weights: 18_432 + 32 * 4, outputs: 8192, total: 30_848 });
    // Unfused, the BN and ReLU would each read and write the whole map again.
    const apart = stepWork([conv3]).bytes.total + stepWork([bn]).bytes.total + stepWork([relu]).bytes.total;
    expect(apart - w.bytes.total).toBe(4 * 8192 + 2 * 32 * 4 - 32 * 4);
  });
  it('a copy step (concat -> shuffle -> two slices as one gather): reads the branches once, writes the two halves once', () => {
    const c = 16 * 4 * 4;
    const k = {
      ...node(
        'k',
        { kind: 'concat' },
        [
          [8, 4, 4],
          [8, 4, 4],
        ],
        [16, 4, 4],
      ),
      inputs: ['a', 'b'],
    };
    const sh = { ...node('sh', { kind: 'shuffle', groups: 2 }, [[16, 4, 4]], [16, 4, 4]), inputs: ['k'] };
    const s0 = { ...node('s0', { kind: 'slice', start: 0, size: 8 }, [[16, 4, 4]], [8, 4, 4]), inputs: ['sh'] };
    const s1 = { ...node('s1', { kind: 'slice', start: 8, size: 8 }, [[16, 4, 4]], [8, 4, 4]), inputs: ['sh'] };
    expect(stepWork([k, sh, s0, s1]).bytes).toEqual({ inputs: c * 4, weights: 0, outputs: c * 4, total: 2 * c * 4 });
    // A BN -> ReLU step: the map in and out once, plus the scale and shift.
    const bn = { ...node('bn', { kind: 'bn', channels: 16, eps: 1e-5, momentum: 0.1 }, [[16, 4, 4]], [16, 4, 4]), inputs: ['k'] };
    const relu = { ...node('r', { kind: 'act', fn: 'relu' }, [[16, 4, 4]], [16, 4, 4]), inputs: ['bn'] };
    expect(stepWork([bn, relu]).bytes).toEqual({ inputs: c * 4, weights: 2 * 16 * 4, outputs: c * 4, total: 2 * c * 4 + 2 * 16 * 4 });
  });
  it('views move nothing; tfjs’ slice copies its output', () => {
    expect(stepWork([node('f', { kind: 'flatten' }, [[8, 1, 1]], [8])]).bytes.total).toBe(0);
    expect(stepWork([node('s', { kind: 'slice', start: 0, size: 4 }, [[8, 4, 4]], [4, 4, 4])]).bytes.total).toBe(2 * 64 * 4);
  });
});

describe('roofline arithmetic', () => {
  const roofs = { peakGflops: 100, peakGBps: 10 };
  it('bound = min(peak, intensity × bandwidth); ridge at peak / bandwidth', () => {
    expect(ridgePoint(roofs)).toBe(10);
    expect(rooflineBound(19.2, roofs)).toBe(100);
    expect(rooflineBound(2, roofs)).toBe(20);
    expect(rooflineBound(10, roofs)).toBe(100);
    expect(rooflineBound(NaN, roofs)).toBeNaN();
  });
  it('a compute-bound conv at half its bound', () => {
    // 589,824 FLOPs at 100 GFLOP/s take 5.89824 µs; measured twice that.
    const p = rooflinePoint(stepWork([conv3]), 0.01179648, roofs);
    expect(p.bound).toBe('compute');
    expect(p.boundGflops).toBe(100);
    expect(p.attainedGflops).toBeCloseTo(50, 9);
    expect(p.fraction).toBeCloseTo(0.5, 9);
    expect(p.attainedGBps).toBeCloseTo(30_720 / 0.01179648e-3 / 1e9, 9);
  });
  it('a memory-bound depthwise conv, and a copy whose fraction is of the bandwidth roof', () => {
    const d = rooflinePoint(stepWork([dw]), 0.0017536 * 4, roofs); // 17,536 B at 10 GB/s = 1.7536 µs
    expect(d.bound).toBe('memory');
    expect(d.boundGflops).toBeCloseTo((36_864 / 17_536) * 10, 9);
    expect(d.fraction).toBeCloseTo(0.25, 9);
    expect(d.attainedGflops / d.boundGflops).toBeCloseTo(0.25, 9);
    const c = rooflinePoint(stepWork([cat]), 0.0002048 * 2, roofs);
    expect(c.bound).toBe('memory');
    expect(c.boundGflops).toBeNaN();
    expect(c.attainedGflops).toBe(0);
    expect(c.fraction).toBeCloseTo(0.5, 9);
    expect(c.attainedGBps).toBeCloseTo(5, 9);
  });
  it('no time, no fraction', () => {
    expect(rooflinePoint(stepWork([conv3]), NaN, roofs).fraction).toBeNaN();
    expect(rooflinePoint(stepWork([conv3]), 0, roofs).attainedGflops).toBeNaN();
  });
});
