/**
 * A toy, platform-aware search over MnasNet's factorized hierarchical search space (Tan et al.,
 * CVPR 2019, Sec. 4): candidates come from lib/arch's seeded sampler (random search) or from
 * mutating good candidates (a small evolutionary search), their latency is measured on the
 * reader's device (./measure.ts), and they are scored with the paper's reward.
 *
 * Accuracy cannot be measured without training, so the reward uses a STAND-IN: a curve fitted to
 * MnasNet-A1's published ImageNet top-1 at five depth multipliers against its multiply-adds
 * (tensorflow/tpu's MnasNet README: 0.35×: 63.2M, 64.1%; 0.5×: 105.2M, 68.9%; 0.75×: 226.7M, 73.3%;
 * 1.0×: 315.2M, 75.2%; 1.4×: 591.5M, 77.2%, all at 224×224). It only says "more multiply-adds
 * tend to buy accuracy"; it knows nothing about the architecture itself. No tfjs here.
 */
import {
  MNAS_CONV_OPS,
  MNAS_FILTER_MULTS,
  MNAS_KERNELS,
  MNAS_MAX_LAYERS,
  MNAS_SEARCH_BASE_LAYERS,
  MNAS_SE_RATIOS,
  MNAS_SKIPS,
  graphCost,
  mnasnetFromChoices,
  mulberry32,
  sampleMnasArchitecture,
  type MnasBlockChoice,
} from '@/lib/arch';
import { SOFT, reward } from '@/lib/widgets/reward-explorer/reward';

// ---- the accuracy stand-in -------------------------------------------------------------------

export const PUBLISHED_ACCURACY_POINTS: ReadonlyArray<{ readonly multiplier: number; readonly macsM: number; readonly top1: number }> = [
  { multiplier: 0.35, macsM: 63.2, top1: 0.641 },
  { multiplier: 0.5, macsM: 105.2, top1: 0.689 },
  { multiplier: 0.75, macsM: 226.7, top1: 0.733 },
  { multiplier: 1.0, macsM: 315.2, top1: 0.752 },
  { multiplier: 1.4, macsM: 591.5, top1: 0.772 },
];

/** Least-squares fit top1 = a + b·ln(MACs in millions). */
export function fitLogLinear(points: ReadonlyArray<{ macsM: number; top1: number }>): { a: number; b: number } {
  const xs = points.map((p) => Math.log(p.macsM));
  const ys = points.map((p) => p.top1);
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const b = sxy / sxx;
  return { a: my - b * mx, b };
}

export const ACCURACY_FIT = fitLogLinear(PUBLISHED_ACCURACY_POINTS);
/** The stand-in is not extrapolated far: it stays within these bounds. */
export const STAND_IN_RANGE = [0.5, 0.8] as const;

/** Stand-in top-1 (0..1) for an architecture with `macs` multiply-adds at 224×224. */
export function standInAccuracy(macs: number): number {
  const v = ACCURACY_FIT.a + ACCURACY_FIT.b * Math.log(macs / 1e6);
  return Math.min(STAND_IN_RANGE[1], Math.max(STAND_IN_RANGE[0], v));
}

// ---- architectures ---------------------------------------------------------------------------

/**
 * MobileNetV2 in this search space (the paper's reference, Sec. 4.1): its first bottleneck (expansion
 * 1) as SepConv, then MBConv6 3×3 with identity skips, at MobileNetV2's widths and depths. The
 * search targets its latency, as the paper's T = 75 ms was MobileNetV2's latency on the Pixel.
 */
export const MOBILENETV2_BLOCKS: readonly MnasBlockChoice[] = MNAS_SEARCH_BASE_LAYERS.map((layers, i) => ({
  op: i === 0 ? 'sepconv' : 'mbconv6',
  kernel: 3,
  se: 0,
  skip: i === 0 ? 'none' : 'identity',
  filterMult: 1,
  layers,
}));

export interface ArchCost {
  readonly params: number;
  /** Multiply-adds at 224×224 (the size the paper and the stand-in use). */
  readonly macs: number;
}

/** Parameters and MACs from the spec (lib/arch), at 224×224 on the search backbone. */
export function archCost(blocks: readonly MnasBlockChoice[]): ArchCost {
  const c = graphCost(mnasnetFromChoices(blocks, 224)).total;
  return { params: c.params, macs: c.macs };
}

/** The seeded sample of lib/arch's sampler (the knobs widgets and tests must agree on). */
export function sampleBlocks(seed: number): MnasBlockChoice[] {
  return [...sampleMnasArchitecture(seed).blocks];
}

/** Layer counts the space allows for block i: MobileNetV2's count −1, 0 or +1 (at least 1). */
export function layerChoices(i: number): number[] {
  const base = MNAS_SEARCH_BASE_LAYERS[i];
  return [...new Set([base - 1, base, base + 1].map((l) => Math.max(1, Math.min(MNAS_MAX_LAYERS, l))))];
}

const FIELDS = ['op', 'kernel', 'se', 'skip', 'filterMult', 'layers'] as const;

/** Changes one choice of one block to a different allowed value. */
export function mutateBlocks(blocks: readonly MnasBlockChoice[], rnd: () => number): MnasBlockChoice[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const i = Math.floor(rnd() * blocks.length);
  const b = blocks[i];
  const field = pick(FIELDS);
  const options: Record<(typeof FIELDS)[number], readonly unknown[]> = {
    op: MNAS_CONV_OPS,
    kernel: MNAS_KERNELS,
    se: MNAS_SE_RATIOS,
    skip: MNAS_SKIPS,
    filterMult: MNAS_FILTER_MULTS,
    layers: layerChoices(i),
  };
  const others = options[field].filter((v) => v !== b[field]);
  if (others.length === 0) return [...blocks];
  const next = { ...b, [field]: pick(others) } as MnasBlockChoice;
  return blocks.map((x, j) => (j === i ? next : x));
}

// ---- search ----------------------------------------------------------------------------------

export const SEARCH_MODES = ['random', 'evolution'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export interface Evaluated {
  readonly blocks: readonly MnasBlockChoice[];
  readonly reward: number;
}

/** Random samples an evolutionary search starts from before it mutates. */
export const EVOLUTION_WARMUP = 4;

/**
 * The i-th candidate of a search, deterministic in (mode, seed, i, history): random search draws
 * sampler seeds seed, seed+1, ...; evolution draws EVOLUTION_WARMUP of those, then mutates the best
 * of 3 earlier candidates picked at random (tournament selection, as in regularized evolution).
 */
export function proposeCandidate(mode: SearchMode, seed: number, i: number, history: readonly Evaluated[]): MnasBlockChoice[] {
  if (mode === 'random' || history.length < EVOLUTION_WARMUP) return sampleBlocks(seed + i);
  const rnd = mulberry32((Math.imul(seed + 1, 0x9e3779b1) ^ (i * 0x85ebca6b)) >>> 0);
  let best: Evaluated | null = null;
  for (let k = 0; k < 3; k++) {
    const e = history[Math.floor(rnd() * history.length)];
    if (!best || e.reward > best.reward) best = e;
  }
  return mutateBlocks((best as Evaluated).blocks, rnd);
}

export interface SearchPoint extends ArchCost {
  readonly index: number;
  readonly blocks: readonly MnasBlockChoice[];
  /** Median measured latency, ms, at the search's input size on this device. */
  readonly latencyMs: number;
  /** Stand-in top-1 (see standInAccuracy). */
  readonly accuracy: number;
  readonly reward: number;
}

/** Scores a measured candidate with the soft-constraint reward (α = β = −0.07) at target T. */
export function score(cost: ArchCost, latencyMs: number, targetMs: number): { accuracy: number; reward: number } {
  const accuracy = standInAccuracy(cost.macs);
  return { accuracy, reward: reward(accuracy, latencyMs, { ...SOFT, target: targetMs }) };
}

/**
 * Pareto front for (lower latency, higher accuracy): true where no other point is at least as good
 * on both and strictly better on one. With the stand-in, higher accuracy means more MACs.
 */
export function paretoFront(points: ReadonlyArray<{ latencyMs: number; accuracy: number }>): boolean[] {
  return points.map(
    (p, i) =>
      !points.some((q, j) => j !== i && q.latencyMs <= p.latencyMs && q.accuracy >= p.accuracy && (q.latencyMs < p.latencyMs || q.accuracy > p.accuracy)),
  );
}

export const SEARCH_SIZES = ['32', '64', '96', '128'] as const;

export function measurePlan(reduced: boolean): { warmup: number; repeats: number } {
  return reduced ? { warmup: 1, repeats: 2 } : { warmup: 2, repeats: 5 };
}
