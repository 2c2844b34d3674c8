import { describe, expect, it } from 'vitest';
import { countersAt, macRatio, paperRatio, separableConvs, separableCost, sepProgress, sepStepAt, sepStepCount } from './counts';
import { SEP_IN_CHANNELS, SEP_KERNELS, SEP_MAX_STEP, SEP_OUT_CHANNELS, SEP_SIZE } from './meta';

const s = { cin: 4, cout: 8, k: 3, size: 16 };

describe('depthwise separable against full convolution: the multiply-adds', () => {
  it('reads the convolutions of the spec’s SepConv and Conv layers by kind', () => {
    const c = separableConvs(s);
    for (const n of [c.depthwise, c.pointwise, c.full]) expect(n.op.kind).toBe('conv');
    if (c.depthwise.op.kind !== 'conv' || c.pointwise.op.kind !== 'conv' || c.full.op.kind !== 'conv') return;
    expect(c.depthwise.op).toMatchObject({ inC: 4, outC: 4, groups: 4, kernel: [3, 3] });
    expect(c.pointwise.op).toMatchObject({ inC: 4, outC: 8, groups: 1, kernel: [1, 1] });
    expect(c.full.op).toMatchObject({ inC: 4, outC: 8, groups: 1, kernel: [3, 3] });
  });

  it('counts D_F²·M·k², D_F²·M·N and D_F²·M·N·k² (MobileNets eqs. 2–4), from the cost model', () => {
    const c = separableCost(s);
    // By hand, D_F = 16, M = 4, N = 8, k = 3.
    expect(c.depthwise.macs).toBe(256 * 4 * 9);
    expect(c.pointwise.macs).toBe(256 * 4 * 8);
    expect(c.full.macs).toBe(256 * 4 * 8 * 9);
    expect(c.depthwise.params + c.pointwise.params).toBe(4 * 9 + 4 * 8);
    expect(c.full.params).toBe(4 * 8 * 9);
    expect(c.perDepthwiseChannel).toBe(256 * 9);
    expect(c.perPointwiseOutput).toBe(256 * 4);
    expect(c.perFullOutput).toBe(256 * 4 * 9);
  });

  it('gives the ratio 1/N + 1/k² (MobileNets eq. 5) for every choice the widget offers', () => {
    for (const cin of SEP_IN_CHANNELS)
      for (const cout of SEP_OUT_CHANNELS)
        for (const k of SEP_KERNELS) {
          const shape = { cin: Number(cin), cout: Number(cout), k: Number(k), size: SEP_SIZE };
          const c = separableCost(shape);
          expect(macRatio(c)).toBeCloseTo(paperRatio(shape), 12);
          expect(sepStepCount(shape)).toBeLessThanOrEqual(SEP_MAX_STEP);
        }
    expect(paperRatio({ cout: 8, k: 3 })).toBeCloseTo(1 / 8 + 1 / 9, 15);
  });

  it('runs the counters up step by step and ends at the layers’ totals', () => {
    const c = separableCost(s);
    const total = sepStepCount(s);
    expect(total).toBe(13);
    expect(sepStepAt(0, s)).toEqual({ kind: 'input' });
    expect(sepStepAt(1, s)).toEqual({ kind: 'depthwise', channel: 0 });
    expect(sepStepAt(4, s)).toEqual({ kind: 'depthwise', channel: 3 });
    expect(sepStepAt(5, s)).toEqual({ kind: 'pointwise', output: 0 });
    expect(sepStepAt(12, s)).toEqual({ kind: 'pointwise', output: 7 });
    expect(sepStepAt(13, s)).toEqual({ kind: 'total' });
    expect(sepProgress(6, s)).toEqual({ channels: 4, outputs: 2 });
    expect(countersAt(0, s, c)).toEqual({ depthwise: 0, pointwise: 0, separable: 0, full: 0 });
    expect(countersAt(2, s, c)).toEqual({ depthwise: 4608, pointwise: 0, separable: 4608, full: 0 });
    expect(countersAt(6, s, c)).toEqual({ depthwise: 9216, pointwise: 2048, separable: 11264, full: 18432 });
    const end = countersAt(total, s, c);
    expect(end).toEqual(countersAt(total - 1, s, c));
    expect(end.depthwise).toBe(c.depthwise.macs);
    expect(end.pointwise).toBe(c.pointwise.macs);
    expect(end.full).toBe(c.full.macs);
    expect(end.separable / end.full).toBeCloseTo(1 / 8 + 1 / 9, 12);
    // Monotone: a step never takes multiply-adds back.
    for (let i = 1; i <= total; i++) expect(countersAt(i, s, c).separable).toBeGreaterThanOrEqual(countersAt(i - 1, s, c).separable);
  });
});
