import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost, nodesInGroup, nodeCost } from '@/lib/arch';
import { analyticWidth, solveWidth, TABLE2_CARDINALITIES } from './solver';
import { CONV2_TEMPLATE, FORMS, formCost, formGraph } from './forms';
import { blockDiagonal, visiblePaths } from './blockdiag';

describe('constant-complexity solver', () => {
  it("reproduces the paper's Table 2: C = 1, 2, 4, 8, 32 -> d = 64, 40, 24, 14, 4", () => {
    expect(TABLE2_CARDINALITIES.map((C) => solveWidth(C).d)).toEqual([64, 40, 24, 14, 4]);
    expect(TABLE2_CARDINALITIES.map((C) => solveWidth(C).groupWidth)).toEqual([64, 80, 96, 112, 128]);
  });

  it('keeps every Table 2 setting within 3% of the ~70k reference', () => {
    for (const C of TABLE2_CARDINALITIES) {
      const s = solveWidth(C);
      expect(s.target).toBe(69632);
      expect(Math.abs(s.relative)).toBeLessThan(0.03);
    }
  });

  it('finds the root of C·(2wd + 9d²) = target', () => {
    const r = analyticWidth(32, 69632, 256);
    expect(r).toBeGreaterThan(3.9);
    expect(r).toBeLessThan(4);
  });
});

describe('three equivalent forms', () => {
  it('have the same parameters and MACs (from the spec cost model)', () => {
    for (const [C, d] of [
      [1, 64],
      [2, 40],
      [8, 14],
      [32, 4],
      [3, 5],
    ] as const) {
      const s = { C, d, ...CONV2_TEMPLATE };
      const [a, b, c] = FORMS.map((f) => formCost(f, s));
      expect(a.total.params).toBe(c.total.params);
      expect(b.total.params).toBe(c.total.params);
      expect(a.total.macs).toBe(c.total.macs);
      expect(b.total.macs).toBe(c.total.macs);
      expect(c.convParams).toBe(C * (256 * d + 9 * d * d + d * 256));
    }
  });

  it('form (c) is exactly a ResNeXt bottleneck of the spec (torchvision layer1.1)', () => {
    const g = buildGraph('resnext50_32x4d');
    const block = nodesInGroup(g, 'layer1.1');
    const specParams = block.reduce((a, n) => a + nodeCost(n).params, 0);
    const specMacs = block.reduce((a, n) => a + nodeCost(n).macs, 0);
    const c = formCost('c', { C: 32, d: 4, ...CONV2_TEMPLATE });
    expect(c.total.params).toBe(specParams);
    expect(c.total.macs).toBe(specMacs);
    expect(graphCost(formGraph('c', { C: 32, d: 4, ...CONV2_TEMPLATE })).total.macs).toBe(c.total.macs);
  });

  it('(a) has C paths summed, (b) one concatenation, (c) one grouped conv', () => {
    const s = { C: 4, d: 2, width: 16, size: 32 };
    const a = formGraph('a', s);
    const b = formGraph('b', s);
    const c = formGraph('c', s);
    expect(a.nodes.find((n) => n.name === 'sum')!.inputs).toHaveLength(4);
    expect(b.nodes.find((n) => n.name === 'concat')!.inputs).toHaveLength(4);
    const g = c.nodes.find((n) => n.name === 'block.conv2')!.op;
    expect(g.kind === 'conv' && g.groups).toBe(4);
    for (const x of [a, b, c]) expect(x.nodes.at(-1)!.outShape).toEqual([16, 32, 32]);
  });
});

describe('block-diagonal layout', () => {
  it('puts C blocks of d×d on the diagonal', () => {
    const m = blockDiagonal(4, 3, 120);
    expect(m.channels).toBe(12);
    expect(m.cell).toBe(10);
    expect(m.blocks).toHaveLength(4);
    expect(m.blocks.map((b) => [b.x, b.y, b.size, b.start, b.end])).toEqual([
      [0, 0, 30, 0, 3],
      [30, 30, 30, 3, 6],
      [60, 60, 30, 6, 9],
      [90, 90, 30, 9, 12],
    ]);
    expect(m.density).toBe(0.25);
    expect(m.groupedWeights * 4).toBe(m.denseWeights);
  });

  it('covers the whole diagonal for any C and d', () => {
    for (const [C, d] of [
      [1, 64],
      [32, 4],
      [7, 3],
    ]) {
      const m = blockDiagonal(C, d, 200);
      expect(m.blocks.reduce((a, b) => a + b.size, 0)).toBeCloseTo(200, 9);
      expect(m.groupedWeights).toBe(C * d * d * 9);
    }
  });

  it('elides paths beyond a maximum', () => {
    expect(visiblePaths(4)).toEqual({ shown: [0, 1, 2, 3], hidden: 0 });
    expect(visiblePaths(32, 6)).toEqual({ shown: [0, 1, 2, 3, 4, 31], hidden: 26 });
  });
});

describe('Table 1 and Table 3 with spec numbers', async () => {
  const { ablationRows, PAPER_TABLE1 } = await import('./ablation');
  it('the spec agrees with the paper’s Table 1 to its precision', () => {
    const rows = ablationRows();
    const r50 = rows.find((r) => r.depth === 50 && r.C === 1)!;
    const x50 = rows.find((r) => r.depth === 50 && r.C === 32)!;
    expect(r50.params / 1e6).toBeCloseTo(PAPER_TABLE1.resnet50.params / 1e6, 0);
    expect(x50.params / 1e6).toBeCloseTo(PAPER_TABLE1.resnext50_32x4d.params / 1e6, 0);
    expect(Math.round(r50.macs / 1e8) / 10).toBe(4.1);
    expect(Math.round(x50.macs / 1e8) / 10).toBe(4.2);
    expect(r50.params).toBe(graphCost(buildGraph('resnet50')).total.params);
  });
  it('keeps every Table 3 setting within 5% of its baseline', () => {
    const rows = ablationRows();
    for (const r of rows) {
      const base = rows.find((b) => b.depth === r.depth && b.C === 1)!;
      expect(Math.abs(r.macs / base.macs - 1)).toBeLessThan(0.05);
    }
  });
});
