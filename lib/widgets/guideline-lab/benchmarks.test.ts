import { describe, expect, it } from 'vitest';
import { graphCost } from '@/lib/arch/cost';
import { resizeGraph } from '@/lib/lab/resize-graph';
import { BLOCKS, GUIDELINE_IDS, GUIDELINES, PLATFORMS, WIDTH_INDICES, buildBenchmark, normalise, paperColumn, rowSetting, verdict } from './benchmarks';

const macs = (...a: Parameters<typeof buildBenchmark>) => graphCost(buildBenchmark(...a)).total.macs;

describe('benchmark definitions', () => {
  it('records the input size only where the paper states it: Tables 1-3 at 56×56, none for Table 4', () => {
    expect(GUIDELINE_IDS.map((id) => [GUIDELINES[id].table, GUIDELINES[id].paperSize])).toEqual([
      ['Table 1', 56],
      ['Table 2', 56],
      ['Table 3', 56],
      ['Table 4', null],
    ]);
  });

  it('G1: FLOPs stay (nearly) equal across the four c1:c2 ratios, as in Table 1', () => {
    for (const p of PLATFORMS)
      for (const w of WIDTH_INDICES) {
        const base = macs('g1', 0, p, w);
        for (let r = 1; r < 4; r++) expect(Math.abs(macs('g1', r, p, w) / base - 1)).toBeLessThan(0.06);
      }
  });

  it('G1 ×1 on the GPU setting is 10 blocks of 128→128→128 at 56×56', () => {
    expect(macs('g1', 0, 'gpu', 0)).toBe(BLOCKS * 2 * 56 * 56 * 128 * 128);
    expect(rowSetting('g1', 3, 'arm', 0).text).toBe('c1 = 9, c2 = 108');
  });

  it('G2: FLOPs stay (nearly) equal across group counts, and the groups divide the channels', () => {
    for (const p of PLATFORMS)
      for (const w of WIDTH_INDICES) {
        const base = macs('g2', 0, p, w);
        for (let r = 0; r < 4; r++) {
          expect(Math.abs(macs('g2', r, p, w) / base - 1)).toBeLessThan(0.04);
          const conv = buildBenchmark('g2', r, p, w).nodes[0].op;
          if (conv.kind !== 'conv') throw new Error('expected a conv');
          expect(conv.inC % conv.groups).toBe(0);
        }
      }
    // The one setting that departs from the paper says so.
    expect(rowSetting('g2', 3, 'arm', 0)).toEqual({ text: 'c = 184, g = 8', note: "the paper's c = 180 is not divisible by 8" });
    expect(rowSetting('g2', 3, 'gpu', 0).note).toBeUndefined();
  });

  it('G3: every fragment layout has (nearly) the FLOPs of the 1-fragment block', () => {
    for (const p of PLATFORMS)
      for (const w of WIDTH_INDICES) {
        const base = macs('g3', 0, p, w);
        for (let r = 1; r < 5; r++) expect(Math.abs(macs('g3', r, p, w) / base - 1)).toBeLessThan(0.02);
      }
    const par = buildBenchmark('g3', 4, 'gpu', 0);
    expect(par.nodes.filter((n) => n.op.kind === 'concat')).toHaveLength(BLOCKS);
    expect(par.nodes.filter((n) => n.op.kind === 'conv')).toHaveLength(4 * BLOCKS);
  });

  it('G4: ReLU and shortcut change no MACs, only element-wise work', () => {
    for (const w of WIDTH_INDICES) {
      const all = GUIDELINES.g4.rows.map((_, r) => graphCost(buildBenchmark('g4', r, 'arm', w)).total);
      for (const c of all) expect(c.macs).toBe(all[0].macs);
      expect(all[0].otherOps).toBeGreaterThan(all[3].otherOps);
    }
    const g = buildBenchmark('g4', 0, 'gpu', 0);
    expect(g.nodes.filter((n) => n.op.kind === 'add')).toHaveLength(BLOCKS);
    expect(g.nodes.filter((n) => n.op.kind === 'act')).toHaveLength(3 * BLOCKS);
  });

  it('every benchmark keeps its width, so blocks stack, and resizes to the reduced size', () => {
    for (const id of GUIDELINE_IDS)
      GUIDELINES[id].rows.forEach((_, r) => {
        const g = buildBenchmark(id, r, 'arm', 0);
        const out = g.nodes[g.nodes.length - 1].outShape;
        expect(out).toEqual(g.input);
        const small = resizeGraph(g, 28);
        expect(small.nodes[small.nodes.length - 1].outShape).toEqual([g.input[0], 28, 28]);
      });
  });
});

describe('reading results', () => {
  it('normalises to the first row', () => {
    expect(paperColumn('g1', 'gpu', 0)).toEqual([1480, 1296, 876, 748]);
    expect(normalise([1480, 1296, 876, 748]).map((x) => Number(x.toFixed(3)))).toEqual([1, 0.876, 0.592, 0.505]);
  });

  it("says the paper's own numbers support each guideline", () => {
    for (const id of GUIDELINE_IDS) expect(verdict(id, paperColumn(id, 'gpu', 0)).verdict).toBe('holds');
    expect(verdict('g4', [1, 1, 1, 1]).verdict).toBe('does not hold');
    expect(verdict('g1', [1, 1.2, 0.5, 0.5])).toEqual({ verdict: 'mixed', held: 2, of: 3 });
  });
});
