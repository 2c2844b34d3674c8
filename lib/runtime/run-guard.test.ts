import { afterEach, describe, expect, it } from 'vitest';
import { footprint, type Footprint } from '../arch/footprint';
import { buildGraph } from '../arch/registry';
import { aboutDuration, CONFIRM_AFTER_MS, guardRun, MEMORY_BUDGETS } from './run-guard';
import { DEFAULT_MACS_PER_MS, recordThroughput, resetThroughput, throughputOf } from './throughput';

afterEach(() => resetThroughput());

const huge = () => footprint(buildGraph('resnext50_32x4d', { size: 512, cardinality: 256, widthPerGroup: 512, layers: [64, 64, 64, 64] }));

describe('run guard', () => {
  it('refuses the 3.6 × 10¹² parameter network on every backend, with the numbers', () => {
    for (const b of ['wasm', 'cpu', 'webgl', 'webgpu'] as const) {
      const d = guardRun(huge(), b, { passes: 1 });
      expect(d.kind, b).toBe('refuse');
      if (d.kind !== 'refuse') continue;
      expect(d.budgetBytes).toBe(MEMORY_BUDGETS[b].totalBytes);
      expect(d.message).toMatch(/^This network is too big to run on .+: 3\.6\d T params take 14\.\d TB of weights/);
      expect(d.message).toContain('Choose smaller settings');
    }
  });

  it('runs a small network at once', () => {
    expect(guardRun(footprint(buildGraph('shufflenet_v2_x0_5')), 'wasm', { passes: 2 }).kind).toBe('run');
  });

  it('asks before a long run, from the default speed until a run was measured', () => {
    const fp = footprint(buildGraph('resnext101_32x8d'));
    const d = guardRun(fp, 'cpu', { passes: 2 });
    expect(d.kind).toBe('confirm');
    if (d.kind !== 'confirm') return;
    expect(d.estimateMs).toBeCloseTo((2 * fp.macs) / DEFAULT_MACS_PER_MS.cpu);
    expect(d.estimateMs).toBeGreaterThan(CONFIRM_AFTER_MS);
    expect(d.message).toMatch(
      /^This will take about \d+ s on CPU \(JavaScript\) \(16\.\d G MACs × 2 passes, at a cautious guess of its speed\)\. Run anyway\?$/,
    );
    // This device turns out fast: 1 G MACs in 50 ms is 20 M MACs/ms, so 2 × 16.5 G MACs take 1.7 s.
    recordThroughput('cpu', 1e9, 50);
    expect(throughputOf('cpu')).toEqual({ macsPerMs: 2e7, measured: true });
    expect(guardRun(fp, 'cpu', { passes: 2 }).kind).toBe('run');
    // …and slow on another: measured speeds are per backend.
    expect(guardRun(fp, 'webgpu', { passes: 2 }).kind).toBe('confirm');
  });

  it('pools measurements (long runs weigh more) and ignores runs too short to say anything', () => {
    recordThroughput('wasm', 1e6, 5);
    expect(throughputOf('wasm').measured).toBe(false);
    recordThroughput('wasm', 1e9, 100);
    recordThroughput('wasm', 1e8, 100);
    expect(throughputOf('wasm').macsPerMs).toBeCloseTo(1.1e9 / 200);
  });

  it('refuses one tensor over a GPU backend limit even when the total fits', () => {
    const fp: Footprint = {
      params: 1,
      macs: 1,
      weightBytes: 4,
      bufferBytes: 0,
      residentBytes: 8,
      peakActivationBytes: 200 * 2 ** 20,
      peakAt: 'x',
      largestTensorBytes: 200 * 2 ** 20,
    };
    expect(guardRun(fp, 'webgpu', { passes: 1 })).toMatchObject({ kind: 'refuse', budgetBytes: 128 * 2 ** 20 });
    expect(guardRun(fp, 'webgl', { passes: 1 }).kind).toBe('run');
    expect(guardRun(fp, 'wasm', { passes: 1 }).kind).toBe('run');
  });

  it('counts extra held bytes (captured feature maps) against the budget', () => {
    const fp = footprint(buildGraph('shufflenet_v2_x0_5'));
    expect(guardRun(fp, 'webgl', { passes: 1, extraBytes: MEMORY_BUDGETS.webgl.totalBytes }).kind).toBe('refuse');
  });

  it('says durations as a reader reads an estimate', () => {
    expect(aboutDuration(12_300)).toBe('about 12 s');
    expect(aboutDuration(200_000)).toBe('about 3.3 min');
    expect(aboutDuration(7.2e6)).toBe('about 2.0 h');
  });
});
