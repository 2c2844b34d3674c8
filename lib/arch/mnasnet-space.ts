/**
 * The MnasNet factorized hierarchical search space (Tan et al., "MnasNet: Platform-Aware Neural
 * Architecture Search for Mobile", CVPR 2019, arXiv:1807.11626, Sec. 4.1 and Fig. 4): the network
 * is 7 blocks, and each block picks its own
 *   ConvOp (the paper lists "regular conv (conv), depthwise conv (dconv), and mobile inverted
 *   bottleneck conv"; its found models write the depthwise choice as SepConv, a depthwise conv
 *   followed by a 1x1 projection (Fig. 7), which is how `sepconv` builds it; MBConv with
 *   expansion 1/3/6), kernel 3x3/5x5, squeeze-and-excitation ratio 0/0.25, skip op (none or
 *   identity residual), filter size (a multiplier of the backbone's width) and layer count,
 * all layers in a block sharing that choice. This file holds the typed choices, the presets
 * (torchvision's MnasNet-B1 and the paper's MnasNet-A1, Fig. 7) and a seeded sampler.
 */
import { SpecError } from './errors';
import { checkInt, checkOneOf } from './validate';

export const MNAS_CONV_OPS = ['conv', 'sepconv', 'mbconv1', 'mbconv3', 'mbconv6'] as const;
/**
 * conv: k×k conv + BN + ReLU. sepconv: k×k depthwise + BN + ReLU, 1x1 + BN (no expansion).
 * mbconvE: 1x1 expansion to E·in + BN + ReLU, k×k depthwise + BN + ReLU, 1x1 projection + BN
 * (torchvision's _InvertedResidual; mbconv1 keeps its 1x1 expansion conv, unlike sepconv).
 */
export type MnasConvOp = (typeof MNAS_CONV_OPS)[number];
export const MNAS_KERNELS = [3, 5] as const;
export const MNAS_SE_RATIOS = [0, 0.25] as const;
export const MNAS_SKIPS = ['none', 'identity'] as const;
/** Filter size choices relative to the backbone width (paper: {0.75, 1.0, 1.25}). */
export const MNAS_FILTER_MULTS = [0.75, 1, 1.25] as const;
export const MNAS_MAX_LAYERS = 10;

export interface MnasBlockChoice {
  readonly op: MnasConvOp;
  readonly kernel: (typeof MNAS_KERNELS)[number];
  /** SE reduces to max(1, int(layer input channels · se)) as in the paper's TF code. */
  readonly se: (typeof MNAS_SE_RATIOS)[number];
  /** identity: residual add where stride is 1 and channels match (never on a block's first layer otherwise). */
  readonly skip: (typeof MNAS_SKIPS)[number];
  readonly filterMult: (typeof MNAS_FILTER_MULTS)[number];
  readonly layers: number;
}

export const MNAS_NUM_BLOCKS = 7;
/** Block strides, fixed by the backbone (same for MobileNetV2, MnasNet-A1 and -B1). */
export const MNAS_STRIDES: readonly number[] = [1, 2, 2, 2, 1, 2, 1];
/** MobileNetV2's widths and layer counts: the search backbone (paper Sec. 4.1). */
export const MNAS_SEARCH_BASE_WIDTHS: readonly number[] = [16, 24, 32, 64, 96, 160, 320];
export const MNAS_SEARCH_BASE_LAYERS: readonly number[] = [1, 2, 3, 4, 3, 3, 1];
/** torchvision's _get_depths list [32, 16, 24, 40, 80, 96, 192, 320] minus the stem's 32. */
export const MNAS_B1_BASE_WIDTHS: readonly number[] = [16, 24, 40, 80, 96, 192, 320];
/** MnasNet-A1 widths from the paper's Fig. 7(a). */
export const MNAS_A1_BASE_WIDTHS: readonly number[] = [16, 24, 40, 80, 112, 160, 320];

const blk = (op: MnasConvOp, kernel: 3 | 5, layers: number, se: 0 | 0.25 = 0, skip: 'none' | 'identity' = 'identity'): MnasBlockChoice => ({
  op,
  kernel,
  se,
  skip,
  filterMult: 1,
  layers,
});

/** torchvision's MNASNet (MnasNet-B1, no SE): SepConv, then _stack(...) x 6 (mnasnet.py). */
export const MNAS_B1_BLOCKS: readonly MnasBlockChoice[] = [
  blk('sepconv', 3, 1, 0, 'none'),
  blk('mbconv3', 3, 3),
  blk('mbconv3', 5, 3),
  blk('mbconv6', 5, 3),
  blk('mbconv6', 3, 2),
  blk('mbconv6', 5, 4),
  blk('mbconv6', 3, 1),
];

/** MnasNet-A1, paper Fig. 7(a): SE (ratio 0.25) on the 40-, 112- and 160-channel blocks. */
export const MNAS_A1_BLOCKS: readonly MnasBlockChoice[] = [
  blk('sepconv', 3, 1, 0, 'none'),
  blk('mbconv6', 3, 2),
  blk('mbconv3', 5, 3, 0.25),
  blk('mbconv6', 3, 4),
  blk('mbconv6', 3, 2, 0.25),
  blk('mbconv6', 5, 3, 0.25),
  blk('mbconv6', 3, 1),
];

export function checkBlockChoice(knob: string, v: unknown): MnasBlockChoice {
  if (typeof v !== 'object' || v === null) {
    throw new SpecError('not_in_set', knob, v, 'an object {op, kernel, se, skip, filterMult, layers}');
  }
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    checkOneOf(`${knob} field`, key, ['op', 'kernel', 'se', 'skip', 'filterMult', 'layers']);
  }
  return {
    op: checkOneOf(`${knob}.op`, o.op, MNAS_CONV_OPS),
    kernel: checkOneOf(`${knob}.kernel`, o.kernel, MNAS_KERNELS),
    se: checkOneOf(`${knob}.se`, o.se, MNAS_SE_RATIOS),
    skip: checkOneOf(`${knob}.skip`, o.skip, MNAS_SKIPS),
    filterMult: checkOneOf(`${knob}.filterMult`, o.filterMult, MNAS_FILTER_MULTS),
    layers: checkInt(`${knob}.layers`, o.layers, 1, MNAS_MAX_LAYERS),
  };
}

/** mulberry32: a tiny deterministic 32-bit PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random point of the search space, deterministic in `seed`: each block draws its op, kernel,
 * SE ratio, skip, filter multiplier and a layer count of the MobileNetV2 backbone's ±1 (at least 1),
 * as in the paper's discretization. Use with baseWidths = MNAS_SEARCH_BASE_WIDTHS.
 */
export function sampleMnasBlocks(seed: number): MnasBlockChoice[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  return MNAS_SEARCH_BASE_LAYERS.map((base) => ({
    op: pick(MNAS_CONV_OPS),
    kernel: pick(MNAS_KERNELS),
    se: pick(MNAS_SE_RATIOS),
    skip: pick(MNAS_SKIPS),
    filterMult: pick(MNAS_FILTER_MULTS),
    layers: Math.max(1, base + pick([-1, 0, 1] as const)),
  }));
}
