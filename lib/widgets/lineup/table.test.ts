import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost, MODELS } from '@/lib/arch';
import { SHIPPED_DIGITS } from '@/lib/weights/shipped-digits-index';
import { LINEUP, LINEUP_IDS, lineupEntry } from './lineup';
import { describeSwap, digitsRows, leaders, lineupRows, outputBytes, rankings } from './table';

describe('the line-up', () => {
  it('is the baseline and the four architectures, each a registered ImageNet model with a trained digits counterpart', () => {
    expect(LINEUP_IDS).toEqual(['resnet50', 'densenet121', 'resnext50_32x4d', 'shufflenet_v2_x1_0', 'mnasnet_a1']);
    for (const e of LINEUP) {
      const m = MODELS.find((x) => x.id === e.id)!;
      expect(m.dataset).toBe('imagenet');
      expect(MODELS.find((x) => x.id === e.digits)!.dataset).toBe('digits');
      expect(SHIPPED_DIGITS[e.digits]).toBeDefined();
    }
  });

  it('takes each paper figure from the table the lessons cite', () => {
    // 100 − the top-1 error of DenseNet Table 3, ResNeXt Table 3 and ShuffleNet v2 Table 8; MnasNet Table 1's accuracy.
    expect(Object.fromEntries(LINEUP.map((e) => [e.id, e.paperTop1]))).toEqual({
      resnet50: 76.1,
      densenet121: 74.98,
      resnext50_32x4d: 77.8,
      shufflenet_v2_x1_0: 69.4,
      mnasnet_a1: 75.2,
    });
    expect(lineupEntry('mnasnet_a1').source.label).toBe('Tan et al. 2019, Table 1');
    expect(() => lineupEntry('vgg16')).toThrow(/not in the closing lesson/);
  });
});

describe('lineupRows', () => {
  it('computes params and MACs from the spec, at 224 and at the timed size', () => {
    const rows = lineupRows(64);
    for (const r of rows) {
      expect(r.params).toBe(graphCost(buildGraph(r.id, { size: 224 })).total.params);
      expect(r.macs224).toBe(graphCost(buildGraph(r.id, { size: 224 })).total.macs);
      expect(r.macs).toBe(graphCost(buildGraph(r.id, { size: 64 })).total.macs);
      expect(r.ms).toBeNull();
    }
    // torchvision's exact counts (lib/arch/reference/torchvision_counts.json).
    expect(rows.find((r) => r.id === 'resnet50')!.params).toBe(25_557_032);
    expect(rows.find((r) => r.id === 'densenet121')!.params).toBe(7_978_856);
  });

  it('counts activation memory: DenseNet-121 keeps far more outputs per MAC than ResNet-50 (the concatenations)', () => {
    const rows = lineupRows(224);
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by.resnet50.outputBytes224).toBe(outputBytes(buildGraph('resnet50', { size: 224 })));
    for (const r of rows) expect(r.peakBytes224).toBeLessThan(r.outputBytes224);
    const perMac = (id: string) => by[id].outputBytes224 / by[id].macs224;
    expect(perMac('densenet121')).toBeGreaterThan(1.5 * perMac('resnet50'));
  });

  it('puts measured times beside the rows that have them', () => {
    const rows = lineupRows(64, { resnet50: 12.5 });
    expect(rows.find((r) => r.id === 'resnet50')!.ms).toBe(12.5);
    expect(rows.find((r) => r.id === 'densenet121')!.ms).toBeNull();
  });
});

describe('rankings', () => {
  it('needs two measured models', () => {
    expect(rankings(lineupRows(64))).toBeNull();
    expect(rankings(lineupRows(64, { resnet50: 10 }))).toBeNull();
  });

  it('agrees when time follows the MACs', () => {
    const rows = lineupRows(64);
    const ms = Object.fromEntries(rows.map((r) => [r.id, r.macs / 1e6]));
    const r = rankings(lineupRows(64, ms))!;
    expect(r.swapped).toEqual([]);
    expect(r.tau).toBe(1);
    expect(r.byMacs.map((x) => x.id)).toEqual(r.byTime.map((x) => x.id));
    expect(r.byMacs.map((x) => x.id)).toEqual(['shufflenet_v2_x1_0', 'mnasnet_a1', 'densenet121', 'resnet50', 'resnext50_32x4d']);
  });

  it('names every pair the clock orders against the MACs, the largest slowdown first', () => {
    // DenseNet-121 (2.9 G MACs) slower than ResNet-50 (4.1 G), MnasNet-A1 slower than everything but ResNeXt.
    const ms = { shufflenet_v2_x1_0: 5, mnasnet_a1: 40, densenet121: 30, resnet50: 20, resnext50_32x4d: 50 };
    const r = rankings(lineupRows(64, ms))!;
    const pairs = r.swapped.map((p) => `${p.fewer.id}>${p.more.id}`);
    expect(pairs).toEqual(['mnasnet_a1>resnet50', 'densenet121>resnet50', 'mnasnet_a1>densenet121']);
    expect(r.swapped[0].slowdown).toBe(2);
    expect(r.byTime.map((x) => x.id)).toEqual(['shufflenet_v2_x1_0', 'resnet50', 'densenet121', 'mnasnet_a1', 'resnext50_32x4d']);
    expect(r.byTime.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(r.tau).toBeCloseTo((10 - 2 * 3) / 10);
    expect(describeSwap(r.swapped[1])).toMatch(/^DenseNet-121 does 0\.\d+× the MACs of ResNet-50 but took 1\.50× its time$/);
  });

  it('leaves unmeasured models out and gives ties one rank', () => {
    const r = rankings(lineupRows(64, { resnet50: 10, densenet121: 10 }))!;
    expect(r.byTime.map((x) => x.rank)).toEqual([1, 1]);
    expect(r.byMacs).toHaveLength(2);
    expect(r.swapped).toEqual([]);
  });
});

describe('digitsRows', () => {
  it('divides the shipped test accuracy by the spec params and by the measured time', () => {
    const before = digitsRows();
    for (const d of before) {
      expect(d.accuracy).toBe(SHIPPED_DIGITS[d.id].testAccuracy);
      expect(d.params).toBe(graphCost(buildGraph(d.id, { size: 28 })).total.params);
      expect(d.accPer100kParams).toBeCloseTo((d.accuracy * 100) / (d.params / 1e5), 10);
      expect(d.accPerMs).toBeNull();
    }
    expect(leaders(before, 'accPerMs')).toEqual([]);

    const after = digitsRows({ densenet_digits: 4, resnet_digits: 2 });
    const dense = after.find((d) => d.id === 'densenet_digits')!;
    expect(dense.accPerMs).toBeCloseTo((dense.accuracy * 100) / 4, 10);
    expect(after.find((d) => d.id === 'mnasnet_digits')!.accPerMs).toBeNull();
    expect(leaders(after, 'accPerMs')).toEqual(['resnet_digits']);
    // DenseNet-BC's ~100k parameters give it by far the most accuracy per parameter.
    expect(leaders(after, 'accPer100kParams')).toEqual(['densenet_digits']);
    expect(leaders(after, 'accuracy')).toEqual(['densenet_digits']);
  });
});
