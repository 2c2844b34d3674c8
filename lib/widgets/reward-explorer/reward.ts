/**
 * MnasNet's multi-objective reward (Tan et al., CVPR 2019, arXiv:1807.11626, Sec. 3, Eq. 2-3):
 *
 *   reward(m) = ACC(m) · (LAT(m) / T)^w,   w = α if LAT(m) ≤ T, else β
 *
 * Soft constraint: α = β = −0.07 (doubling the latency costs about as much as 5% relative accuracy
 * gains: 1.05 · 2^β = 1 gives β ≈ −0.07). Hard constraint: α = 0, β = −1 (accuracy alone below T, a
 * steep penalty above it). The paper searched with T = 75 ms on a Pixel 1 phone. No tfjs here.
 */

export interface RewardParams {
  /** Exponent when LAT ≤ T. */
  readonly alpha: number;
  /** Exponent when LAT > T. */
  readonly beta: number;
  /** Target latency T in ms. */
  readonly target: number;
}

export const SOFT: Pick<RewardParams, 'alpha' | 'beta'> = { alpha: -0.07, beta: -0.07 };
export const HARD: Pick<RewardParams, 'alpha' | 'beta'> = { alpha: 0, beta: -1 };
export const PAPER_TARGET_MS = 75;

/** Eq. 2-3. `acc` in [0, 1], `latency` and `target` in ms. */
export function reward(acc: number, latency: number, p: RewardParams): number {
  if (!(latency > 0) || !(p.target > 0)) return NaN;
  const w = latency <= p.target ? p.alpha : p.beta;
  return acc * Math.pow(latency / p.target, w);
}

/** The β for which a model at twice the latency with `gain` relative accuracy scores the same. */
export function betaForTradeoff(gain = 0.05, latencyFactor = 2): number {
  return -Math.log(1 + gain) / Math.log(latencyFactor);
}

export type ConstraintKind = 'soft' | 'hard' | 'custom';

export function constraintKind(alpha: number, beta: number): ConstraintKind {
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  if (near(alpha, SOFT.alpha) && near(beta, SOFT.beta)) return 'soft';
  if (near(alpha, HARD.alpha) && near(beta, HARD.beta)) return 'hard';
  return 'custom';
}

export interface PublishedModel {
  readonly name: string;
  /** ImageNet top-1, 0..1. */
  readonly top1: number;
  /** Latency on a Pixel 1 phone, ms (big CPU core, batch 1). */
  readonly latencyMs: number;
  readonly macsM?: number;
  readonly paramsM?: number;
  /** Where the numbers come from. */
  readonly source: string;
  readonly kind: 'manual' | 'auto' | 'mnasnet';
}

/**
 * Models with a published Pixel 1 latency, as MnasNet's Table 1 (and Table 2 for B1) report them.
 * Only models whose accuracy and latency are both stated in the paper are listed. MnasNet-A3 is
 * left out: its 76.7% top-1, 5.2M parameters and 403M multiply-adds are confirmed (the paper's text:
 * "better accuracy than ResNet-50 … 4.8× fewer parameters and 10× fewer multiply-add cost"), but no
 * copy of Table 1 that could be checked gives its latency, so a reward for it cannot be computed.
 */
export const PUBLISHED_MODELS: readonly PublishedModel[] = [
  { name: 'MobileNetV1', top1: 0.706, latencyMs: 113, macsM: 575, paramsM: 4.2, source: 'Table 1', kind: 'manual' },
  { name: 'MobileNetV2', top1: 0.72, latencyMs: 75, macsM: 300, paramsM: 3.4, source: 'Table 1', kind: 'manual' },
  { name: 'MobileNetV2 (1.4)', top1: 0.747, latencyMs: 143, macsM: 585, paramsM: 6.9, source: 'Table 1', kind: 'manual' },
  { name: 'NASNet-A', top1: 0.74, latencyMs: 183, macsM: 564, paramsM: 5.3, source: 'Table 1', kind: 'auto' },
  { name: 'MnasNet-B1', top1: 0.745, latencyMs: 77, source: 'Table 2 (search without SE)', kind: 'mnasnet' },
  { name: 'MnasNet-A1', top1: 0.752, latencyMs: 78, macsM: 312, paramsM: 3.9, source: 'Table 1', kind: 'mnasnet' },
];

export interface RankedModel extends PublishedModel {
  readonly reward: number;
  readonly rank: number;
}

/** Each published model's reward under `p`, ranked best first (ties share a rank). */
export function rankModels(p: RewardParams, models: readonly PublishedModel[] = PUBLISHED_MODELS): RankedModel[] {
  const scored = models.map((m) => ({ ...m, reward: reward(m.top1, m.latencyMs, p) }));
  const sorted = [...scored].sort((a, b) => b.reward - a.reward);
  return sorted.map((m) => ({ ...m, rank: 1 + sorted.filter((o) => o.reward > m.reward + 1e-12).length }));
}

/** Points (latency, reward) of the reward curve for a fixed accuracy, for plotting. */
export function rewardCurve(acc: number, p: RewardParams, fromMs: number, toMs: number, steps = 200): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i <= steps; i++) {
    const l = fromMs + ((toMs - fromMs) * i) / steps;
    if (l > 0) pts.push([l, reward(acc, l, p)]);
  }
  // Put the kink at T exactly on the curve.
  if (p.target > fromMs && p.target < toMs) pts.push([p.target, acc]);
  return pts.sort((a, b) => a[0] - b[0]);
}
