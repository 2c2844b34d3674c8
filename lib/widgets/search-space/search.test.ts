import { describe, expect, it } from 'vitest';
import { MNAS_A1_BLOCKS, graphCost, mnasnetFromChoices, sampleMnasArchitecture, mulberry32 } from '@/lib/arch';
import {
  ACCURACY_FIT,
  EVOLUTION_WARMUP,
  MOBILENETV2_BLOCKS,
  PUBLISHED_ACCURACY_POINTS,
  archCost,
  layerChoices,
  mutateBlocks,
  paretoFront,
  proposeCandidate,
  sampleBlocks,
  score,
  standInAccuracy,
} from './search';

describe('search sampler', () => {
  it('is deterministic in the seed and matches lib/arch', () => {
    expect(sampleBlocks(42)).toEqual(sampleBlocks(42));
    expect(sampleBlocks(42)).toEqual(sampleMnasArchitecture(42).blocks);
    expect(sampleBlocks(42)).not.toEqual(sampleBlocks(43));
  });

  it('proposes the same candidates for the same seed and history', () => {
    const history = [0, 1, 2, 3, 4].map((i) => ({ blocks: sampleBlocks(100 + i), reward: 0.5 + i / 100 }));
    for (const mode of ['random', 'evolution'] as const)
      for (let i = 0; i < 8; i++) expect(proposeCandidate(mode, 7, i, history)).toEqual(proposeCandidate(mode, 7, i, history));
    expect(proposeCandidate('random', 7, 3, history)).toEqual(sampleBlocks(10));
    expect(proposeCandidate('evolution', 7, 0, history.slice(0, EVOLUTION_WARMUP - 1))).toEqual(sampleBlocks(7));
  });

  it('evolution mutates exactly one choice of one block of an earlier candidate, within the space', () => {
    const history = [0, 1, 2, 3, 4].map((i) => ({ blocks: sampleBlocks(200 + i), reward: i }));
    for (let i = 0; i < 20; i++) {
      const child = proposeCandidate('evolution', 3, i, history);
      const diffs = history.map((h) =>
        h.blocks.reduce((n, b, j) => n + Object.keys(b).filter((k) => b[k as keyof typeof b] !== child[j][k as keyof typeof b]).length, 0),
      );
      expect(Math.min(...diffs)).toBe(1);
      child.forEach((b, j) => expect(layerChoices(j)).toContain(b.layers));
      expect(() => mnasnetFromChoices(child, 64)).not.toThrow();
    }
    const rnd = mulberry32(1);
    expect(mutateBlocks(MNAS_A1_BLOCKS, rnd)).not.toEqual(MNAS_A1_BLOCKS);
  });
});

describe('costs and the accuracy stand-in', () => {
  it('takes params and MACs from the spec at 224×224', () => {
    const blocks = sampleBlocks(5);
    const c = graphCost(mnasnetFromChoices(blocks, 224)).total;
    expect(archCost(blocks)).toEqual({ params: c.params, macs: c.macs });
  });

  it("MobileNetV2 in the search space has about MobileNetV2's 300M multiply-adds and 3.4M parameters", () => {
    const c = archCost(MOBILENETV2_BLOCKS);
    expect(c.macs / 1e6).toBeGreaterThan(290);
    expect(c.macs / 1e6).toBeLessThan(310);
    expect(c.params / 1e6).toBeGreaterThan(3.3);
    expect(c.params / 1e6).toBeLessThan(3.6);
  });

  it('the fitted stand-in passes close to the published points and rises with MACs', () => {
    expect(ACCURACY_FIT.b).toBeGreaterThan(0);
    for (const p of PUBLISHED_ACCURACY_POINTS) expect(Math.abs(standInAccuracy(p.macsM * 1e6) - p.top1)).toBeLessThan(0.012);
    expect(standInAccuracy(1e3)).toBe(0.5);
    expect(standInAccuracy(1e12)).toBe(0.8);
  });

  it('scores with the soft-constraint reward at the target', () => {
    const s = score({ params: 1, macs: 315.2e6 }, 40, 40);
    expect(s.reward).toBeCloseTo(s.accuracy, 12);
    expect(score({ params: 1, macs: 315.2e6 }, 80, 40).reward).toBeCloseTo(s.accuracy * Math.pow(2, -0.07), 12);
  });
});

describe('paretoFront', () => {
  it('keeps the points nothing beats on both latency and accuracy', () => {
    const pts = [
      { latencyMs: 10, accuracy: 0.6 }, // front (fastest)
      { latencyMs: 20, accuracy: 0.7 }, // front
      { latencyMs: 25, accuracy: 0.65 }, // dominated by (20, 0.7)
      { latencyMs: 30, accuracy: 0.75 }, // front (most accurate)
      { latencyMs: 30, accuracy: 0.7 }, // dominated
      { latencyMs: 10, accuracy: 0.55 }, // dominated by (10, 0.6)
    ];
    expect(paretoFront(pts)).toEqual([true, true, false, true, false, false]);
    expect(paretoFront([])).toEqual([]);
  });
});
