import { describe, expect, it } from 'vitest';
import { HARD, PUBLISHED_MODELS, SOFT, betaForTradeoff, constraintKind, rankModels, reward, rewardCurve } from './reward';

const T = 75;

describe('MnasNet reward', () => {
  it('equals the accuracy at LAT = T, whatever the exponents', () => {
    for (const p of [SOFT, HARD, { alpha: 0.3, beta: -1.7 }]) expect(reward(0.752, T, { ...p, target: T })).toBeCloseTo(0.752, 12);
  });

  it('soft constraint: a smooth power law on both sides of T', () => {
    const p = { ...SOFT, target: T };
    expect(reward(0.5, 150, p)).toBeCloseTo(0.5 * Math.pow(2, -0.07), 12);
    expect(reward(0.5, 37.5, p)).toBeCloseTo(0.5 * Math.pow(0.5, -0.07), 12);
    // Faster models score higher at equal accuracy.
    expect(reward(0.5, 60, p)).toBeGreaterThan(reward(0.5, 70, p));
  });

  it('hard constraint: accuracy alone below T, a steep 1/x penalty above', () => {
    const p = { ...HARD, target: T };
    expect(reward(0.7, 20, p)).toBe(0.7);
    expect(reward(0.7, 74.9, p)).toBe(0.7);
    expect(reward(0.7, 150, p)).toBeCloseTo(0.35, 12);
  });

  it('β ≈ −0.07 comes from "twice the latency is worth 5% relative accuracy"', () => {
    expect(betaForTradeoff(0.05, 2)).toBeCloseTo(-0.0704, 4);
    const p = { ...SOFT, target: T };
    expect(reward(0.7 * 1.05, 100, { ...p, beta: betaForTradeoff(), alpha: betaForTradeoff() })).toBeCloseTo(
      reward(0.7, 50, { ...p, beta: betaForTradeoff(), alpha: betaForTradeoff() }),
      10,
    );
  });

  it('names the presets', () => {
    expect(constraintKind(-0.07, -0.07)).toBe('soft');
    expect(constraintKind(0, -1)).toBe('hard');
    expect(constraintKind(-0.1, -0.07)).toBe('custom');
  });

  it('ranks the published models: MnasNet-A1 beats NASNet-A under both constraints', () => {
    for (const c of [SOFT, HARD]) {
      const ranked = rankModels({ ...c, target: T });
      const a1 = ranked.find((m) => m.name === 'MnasNet-A1')!;
      const nas = ranked.find((m) => m.name === 'NASNet-A')!;
      expect(a1.rank).toBeLessThan(nas.rank);
    }
    // Hard constraint at T = 75 ms: MobileNetV2 (75 ms) is the only model that keeps its full accuracy.
    const hard = rankModels({ ...HARD, target: T });
    expect(hard.find((m) => m.name === 'MobileNetV2')!.reward).toBe(0.72);
    expect(PUBLISHED_MODELS.find((m) => m.name === 'MnasNet-A1')).toMatchObject({ top1: 0.752, latencyMs: 78 });
    // MnasNet-A3's latency could not be confirmed against Table 1: it has no reward to rank.
    expect(PUBLISHED_MODELS.map((m) => m.name)).not.toContain('MnasNet-A3');
  });

  it('draws a curve through (T, acc)', () => {
    const pts = rewardCurve(0.75, { ...HARD, target: T }, 10, 200, 50);
    expect(pts.some(([l, r]) => l === T && r === 0.75)).toBe(true);
    expect(pts.every(([l], i) => i === 0 || l >= pts[i - 1][0])).toBe(true);
  });
});
