/**
 * MnasNet, built from 7 search-space block choices (mnasnet-space.ts). torchvision's mnasnet0_5 ..
 * mnasnet1_3 are MnasNet-B1 (no SE) at width multipliers α; mnasnet_a1 is the paper's Fig. 7(a)
 * model (not in torchvision).
 *
 * Widths follow torchvision: every block width and the stem are _round_to_multiple_of(w·α, 8, 0.9)
 * (torchvision's _get_depths), the head conv stays 1280. BatchNorm eps is 1e-5 (torchvision's
 * default); every BN carries torchvision's momentum 1 - 0.9997 (MNASNET_BN_MOMENTUM, train mode only).
 *
 * Small images (the digits model): `inChannels` sets layers.0's input channels (1 for grey digits),
 * `stem: 'small'` makes layers.0 stride 1, and `headWidth` may replace the 1280-channel head conv
 * (PyTorch: layers.0, layers.14, layers.15 and classifier.1 replaced; see scripts/py/digits_models.py).
 *
 * Module names, torchvision's MNASNet layout: one nn.Sequential `layers`, then `classifier`:
 *   layers.0-2                 stem conv 3x3/2 + BN + ReLU
 *   layers.3-7                 block 1 inlined when it is one SepConv layer without SE or skip
 *                              (as in B1 and A1): depthwise 3x3 + BN + ReLU, 1x1 + BN
 *   layers.N  (N = 8, 9, ...)  every other block: a stack, its layers `layers.N.M`, each layer's
 *                              ops `layers.N.M.layers.I` in order (torchvision's _InvertedResidual):
 *                              mbconv: 0 1x1, 1 BN, 2 ReLU, 3 dw, 4 BN, 5 ReLU, [6 SE], 6|7 1x1, 7|8 BN
 *                              sepconv: 0 dw, 1 BN, 2 ReLU, [3 SE], 3|4 1x1, 4|5 BN
 *                              conv: 0 conv, 1 BN, 2 ReLU, [3 SE]
 *                              If block 1 is not inlined it is the stack `layers.3` and the others
 *                              follow from `layers.4`.
 *   SE at `...layers.I`: `fc1`, `fc2` (1x1 convs with bias) as torchvision.ops.SqueezeExcitation,
 *                              plus non-tensor `avgpool`, `activation` (ReLU), `scale_activation`
 *                              (sigmoid) and `scale` (the channel-wise multiply).
 *   layers.K, K+1, K+2         head 1x1 conv to 1280 + BN + ReLU (K = 14 for B1 and A1)
 *   mean, classifier.0, classifier.1   x.mean([2, 3]), Dropout, Linear
 * Residual adds are `layers.N.M.add`. The layer ops are built by blocks/mbconv.ts (mbconv, sepconv,
 * convLayer, squeezeExcite).
 */
import type { Graph } from './ir';
import { INPUT } from './ir';
import { GraphBuilder } from './builder';
import { convLayer, mbconv, sepconv, type MnasLayerConfig } from './blocks/mbconv';
import type { Family, KnobInput, KnobSpecs } from './family';
import { SpecError } from './errors';
import { checkInt, checkIntList, checkKnownKeys, checkOneOf, checkReal } from './validate';
import {
  checkBlockChoice,
  MNAS_B1_BASE_WIDTHS,
  MNAS_B1_BLOCKS,
  MNAS_NUM_BLOCKS,
  MNAS_SEARCH_BASE_WIDTHS,
  MNAS_STRIDES,
  sampleMnasBlocks,
  type MnasBlockChoice,
} from './mnasnet-space';

/** imagenet: the stem conv (layers.0) is 3x3 stride 2; small: 3x3 stride 1 (a 28x28 digit keeps its resolution). */
export type MnasNetStem = 'imagenet' | 'small';

export interface MnasNetKnobs {
  /** Width multiplier α (torchvision `alpha`). */
  readonly alpha: number;
  /** The 7 block choices. */
  readonly blocks: readonly MnasBlockChoice[];
  /** Backbone width of each block before filterMult and α. */
  readonly baseWidths: readonly number[];
  /** Stride of each block's first layer (1 or 2). */
  readonly strides: readonly number[];
  /** Stem conv channels before α (32). */
  readonly stemWidth: number;
  /** Head 1x1 conv channels (1280, not scaled by α, as in torchvision). */
  readonly headWidth: number;
  readonly numClasses: number;
  readonly dropout: number;
  /** Channels of the input image (3 for RGB, 1 for grey digits). */
  readonly inChannels: number;
  readonly stem: MnasNetStem;
}

/**
 * torchvision's mnasnet.py: `_BN_MOMENTUM = 1 - 0.9997`, the TensorFlow reference's decay 0.9997
 * in PyTorch's convention. Every BatchNorm of MNASNet uses it; it only matters in train mode.
 */
export const MNASNET_BN_MOMENTUM = 1 - 0.9997;

export const MNASNET_DEFAULTS: MnasNetKnobs = {
  alpha: 1,
  blocks: MNAS_B1_BLOCKS,
  baseWidths: MNAS_B1_BASE_WIDTHS,
  strides: MNAS_STRIDES,
  stemWidth: 32,
  headWidth: 1280,
  numClasses: 1000,
  dropout: 0.2,
  inChannels: 3,
  stem: 'imagenet',
};

const KNOBS = Object.keys(MNASNET_DEFAULTS);

/** The knobs a reader sets, declared once (lab, widgets, URLs derive from this). */
export const MNASNET_KNOBS = {
  alpha: { label: 'Width multiplier α', kind: 'number', min: 0, max: 3, minExclusive: true, step: 0.05, doc: 'width multiplier α' },
  blocks: { label: 'Blocks', kind: 'code', doc: 'the 7 block choices: op, kernel, SE ratio, skip, filter multiplier and layers of each block' },
} as const satisfies KnobSpecs<MnasNetKnobs>;

/** torchvision's _round_to_multiple_of: round to a multiple of `divisor`, rounding up unless that loses > 10%. */
export function roundToMultipleOf(val: number, divisor = 8, roundUpBias = 0.9): number {
  const v = Math.max(divisor, Math.floor(Math.trunc(val + divisor / 2) / divisor) * divisor);
  return v >= roundUpBias * val ? v : v + divisor;
}

export function resolveMnasNet(input: KnobInput): MnasNetKnobs {
  checkKnownKeys(input, KNOBS);
  const k = { ...MNASNET_DEFAULTS, ...input } as Record<string, unknown>;
  if (!Array.isArray(k.blocks) || k.blocks.length !== MNAS_NUM_BLOCKS) {
    throw new SpecError(
      Array.isArray(k.blocks) && k.blocks.length === 0 ? 'empty' : 'wrong_length',
      'blocks',
      k.blocks,
      `a list of exactly ${MNAS_NUM_BLOCKS} block choices`,
    );
  }
  const blocks = k.blocks.map((b, i) => checkBlockChoice(`blocks[${i}]`, b));
  const strides = checkIntList('strides', k.strides, { length: MNAS_NUM_BLOCKS });
  strides.forEach((s, i) => checkOneOf(`strides[${i}]`, s, [1, 2]));
  return {
    alpha: checkReal('alpha', k.alpha, 0, 4),
    blocks,
    baseWidths: checkIntList('baseWidths', k.baseWidths, { length: MNAS_NUM_BLOCKS }),
    strides,
    stemWidth: checkInt('stemWidth', k.stemWidth),
    headWidth: checkInt('headWidth', k.headWidth),
    numClasses: checkInt('numClasses', k.numClasses),
    dropout: checkReal('dropout', k.dropout, 0, 1, true),
    inChannels: checkInt('inChannels', k.inChannels),
    stem: checkOneOf('stem', k.stem, ['imagenet', 'small'] as const),
  };
}

/** Width of every block after filterMult and α (torchvision's _get_depths for B1). */
export function mnasWidths(k: MnasNetKnobs): { stem: number; blocks: number[] } {
  return {
    stem: roundToMultipleOf(k.stemWidth * k.alpha),
    blocks: k.blocks.map((b, i) => roundToMultipleOf(k.baseWidths[i] * k.alpha * b.filterMult)),
  };
}

const isInlinedSepConv = (b: MnasBlockChoice) => b.op === 'sepconv' && b.layers === 1 && b.se === 0 && b.skip === 'none';

export function buildMnasNet(knobs: MnasNetKnobs, size: number, id = 'mnasnet'): Graph {
  const b = new GraphBuilder(id, [knobs.inChannels, size, size], { bnMomentum: MNASNET_BN_MOMENTUM });
  const widths = mnasWidths(knobs);
  let x: string = INPUT;
  let idx = 0;
  const next = () => `layers.${idx++}`;
  b.group('stem', { kind: 'stem', role: 'stem', label: 'Stem' }, () => {
    x = b.conv(next(), x, { outC: widths.stem, k: 3, s: knobs.stem === 'imagenet' ? 2 : 1, p: 1 });
    x = b.bn(next(), x);
    x = b.act(next(), x);
  });
  knobs.blocks.forEach((choice, bi) => {
    const out = widths.blocks[bi];
    const stride = knobs.strides[bi];
    const label = `Block ${bi + 1}: ${choice.op} ${choice.kernel}x${choice.kernel}${choice.se ? ', SE' : ''} ×${choice.layers}, ${out} ch`;
    if (bi === 0 && isInlinedSepConv(choice)) {
      // torchvision writes this SepConv's ops straight into `layers` (layers.3..7).
      x = sepconv(b, 'block1', x, layerConfig(choice, out, stride), { kind: 'stage', label, names: next });
      return;
    }
    const stack = next();
    b.group(stack, { kind: 'stage', role: 'stage', label }, () => {
      for (let j = 0; j < choice.layers; j++) x = mnasLayer(b, `${stack}.${j}`, x, choice, out, j === 0 ? stride : 1);
    });
  });
  b.group('head', { kind: 'head', role: 'classifier', label: 'Head' }, () => {
    x = b.conv(next(), x, { outC: knobs.headWidth, k: 1 });
    x = b.bn(next(), x);
    x = b.act(next(), x);
    x = b.gap('mean', x, false);
    x = b.add('classifier.0', { kind: 'dropout', p: knobs.dropout }, [x]);
    x = b.linear('classifier.1', x, knobs.numClasses);
  });
  return b.build(x);
}

const layerConfig = (c: MnasBlockChoice, outC: number, stride: number): MnasLayerConfig => ({
  outC,
  kernel: c.kernel,
  stride,
  se: c.se,
  residual: c.skip === 'identity',
});

/** One layer of a block: the search space's op choice, built by blocks/mbconv.ts. */
function mnasLayer(b: GraphBuilder, p: string, x: string, c: MnasBlockChoice, out: number, stride: number): string {
  const cfg = layerConfig(c, out, stride);
  if (c.op === 'conv') return convLayer(b, p, x, cfg);
  if (c.op === 'sepconv') return sepconv(b, p, x, cfg);
  return mbconv(b, p, x, { ...cfg, expansion: Number(c.op.slice('mbconv'.length)) });
}

export function describeMnasNet(k: MnasNetKnobs): string {
  const blocks = k.blocks
    .map((c) => `${c.op}k${c.kernel}${c.se ? 'se' : ''}${c.skip === 'identity' ? 'r' : ''}x${c.layers}${c.filterMult === 1 ? '' : `f${c.filterMult}`}`)
    .join('_');
  const head = k.headWidth === MNASNET_DEFAULTS.headWidth ? '' : `-h${k.headWidth}`;
  const input = k.inChannels === 3 && k.stem === 'imagenet' ? '' : `-in${k.inChannels}-${k.stem}`;
  return `mnasnet-a${k.alpha}-${blocks}${head}${input}`;
}

export const MNASNET: Family<MnasNetKnobs> = {
  id: 'mnasnet',
  name: 'MnasNet',
  description: 'Found by platform-aware architecture search: each of 7 blocks picks its own op, kernel, SE, skip, width and depth.',
  paper: {
    title: 'MnasNet: Platform-Aware Neural Architecture Search for Mobile',
    authors: 'Mingxing Tan, Bo Chen, Ruoming Pang, Vijay Vasudevan, Mark Sandler, Andrew Howard, Quoc V. Le',
    year: 2019,
    arxiv: 'https://arxiv.org/abs/1807.11626',
  },
  defaults: MNASNET_DEFAULTS,
  knobSpecs: MNASNET_KNOBS,
  defaultSize: 224,
  resolve: resolveMnasNet,
  build: buildMnasNet,
  describe: describeMnasNet,
};

export function mnasnet(knobs: Partial<MnasNetKnobs> = {}, size = 224, id?: string): Graph {
  const k = resolveMnasNet(knobs);
  return buildMnasNet(k, size, id ?? describeMnasNet(k));
}

/** Builds a graph from 7 block choices over the MobileNetV2 search backbone (override via `opts`). */
export function mnasnetFromChoices(choices: readonly MnasBlockChoice[], size = 224, opts: Partial<Omit<MnasNetKnobs, 'blocks'>> = {}): Graph {
  return mnasnet({ baseWidths: MNAS_SEARCH_BASE_WIDTHS, ...opts, blocks: choices }, size);
}

/** Full knobs of a random search-space architecture, deterministic in `seed`. */
export function sampleMnasArchitecture(seed: number): MnasNetKnobs {
  return resolveMnasNet({ blocks: sampleMnasBlocks(seed), baseWidths: MNAS_SEARCH_BASE_WIDTHS });
}
