/**
 * DenseNet (Huang, Liu, van der Maaten, Weinberger, "Densely Connected Convolutional Networks",
 * CVPR 2017, arXiv:1608.06993), in torchvision's module layout (torchvision/models/densenet.py).
 *
 * Each layer of a dense block receives the channel concatenation of the block input and of all
 * earlier layers' outputs and adds k ("growth rate") new channels. DenseNet-B puts a 1x1
 * bottleneck (bn_size*k = 4k channels) before the 3x3 conv; DenseNet-C compresses the channels by
 * θ in each transition (floor(θ·m), torchvision: m // 2). Table 1 of the paper gives the ImageNet
 * configurations (k=32, blocks 6-12-24-16 for DenseNet-121, ...); DenseNet-161 uses k=48 and 96
 * initial features. The CIFAR DenseNet-BC (Table 2) uses a single 3x3/1 conv with 2k channels as
 * stem, three blocks and no max pool.
 *
 * Small images (the digits models): `inChannels` sets conv0's input channels (1 for grey digits) and
 * `stem: 'small'` keeps torchvision's stem layout (conv0, norm0, relu0) with conv0 a 3x3 stride-1
 * conv and no pool0 (PyTorch: features.conv0 replaced, features.pool0 = nn.Identity; see
 * scripts/py/digits_models.py). Unlike the CIFAR stem it keeps norm0 and relu0, so the network is
 * torchvision's DenseNet class with two modules swapped.
 *
 * Built from the paper's parts in blocks/dense.ts (denseLayer, denseBlock, transition).
 *
 * Names: torchvision's module names (`features.conv0`, `features.denseblock1.denselayer1.conv1`,
 * `features.transition1.conv`, `features.norm5`, `classifier`). Non-torchvision parts:
 * - without bottleneck (plain DenseNet), a layer is `norm1, relu1, conv1` with conv1 the 3x3 conv;
 * - the concatenations are `...denselayerN.concat` (inside _DenseLayer.bn_function) and
 *   `...denseblockN.concat` (end of _DenseBlock.forward); layer 1 of a block needs no concat;
 * - the head's functional ops are `features.relu5`, `avgpool`, `flatten`.
 */
import type { Graph } from './ir';
import { INPUT } from './ir';
import { GraphBuilder } from './builder';
import { denseBlock, transition, transitionChannels } from './blocks/dense';
import type { Family, KnobInput, KnobSpecs } from './family';
import { checkInt, checkIntList, checkKnownKeys, checkOneOf, checkReal } from './validate';
import { SpecError } from './errors';

export type DenseNetStem = 'imagenet' | 'cifar' | 'small';

export interface DenseNetKnobs {
  /** k: channels each dense layer adds (torchvision growth_rate). */
  readonly growthRate: number;
  /** Dense layers per block (torchvision block_config). */
  readonly blockConfig: readonly number[];
  /** Channels of the stem conv (torchvision num_init_features; 2k for DenseNet-BC on CIFAR). */
  readonly initFeatures: number;
  /** DenseNet-B: 1x1 bottleneck conv to bnSize*k channels before each 3x3 conv. */
  readonly bottleneck: boolean;
  /** Bottleneck width multiplier (torchvision bn_size, 4 in the paper). */
  readonly bnSize: number;
  /** θ in (0, 1]: a transition keeps floor(θ·m) of m channels (DenseNet-C when < 1). */
  readonly compression: number;
  readonly numClasses: number;
  /**
   * imagenet: 7x7/2 conv + BN + ReLU + 3x3/2 max pool; cifar: one 3x3/1 conv (paper Sec. 4.2);
   * small: 3x3/1 conv + BN + ReLU, no pool (torchvision's layout for a small image).
   */
  readonly stem: DenseNetStem;
  /** Channels of the input image (3 for RGB, 1 for grey digits). */
  readonly inChannels: number;
}

export const DENSENET_DEFAULTS: DenseNetKnobs = {
  growthRate: 32,
  blockConfig: [6, 12, 24, 16],
  initFeatures: 64,
  bottleneck: true,
  bnSize: 4,
  compression: 0.5,
  numClasses: 1000,
  stem: 'imagenet',
  inChannels: 3,
};

const KNOBS = Object.keys(DENSENET_DEFAULTS);

/**
 * The knobs a reader sets, declared once (lab, widgets, URLs derive from this). The upper bounds
 * keep models drawable and runnable in a browser; resolveDenseNet accepts any positive size.
 */
export const DENSENET_KNOBS = {
  growthRate: { label: 'Growth rate k', kind: 'int', min: 1, max: 128, step: 1, doc: 'growth rate k: channels each dense layer adds' },
  blockConfig: {
    label: 'Layers per block',
    kind: 'intList',
    min: 1,
    max: 64,
    minLength: 1,
    maxLength: 6,
    doc: 'layers per dense block',
    itemDoc: 'layers L in the dense block',
  },
  initFeatures: { label: 'Initial features k₀', kind: 'int', min: 1, max: 512, step: 1, doc: 'channels entering the first dense block (k₀, after the stem)' },
  bottleneck: { label: 'Bottleneck (DenseNet-B)', kind: 'bool', doc: 'DenseNet-B: a 1×1 bottleneck to 4k channels before each 3×3 conv' },
  // torchvision's bn_size (densenet.py _DenseLayer: conv1 to bn_size * growth_rate channels); the
  // paper fixes it at 4 (Sec. 3, "Bottleneck layers"). Only used with the bottleneck.
  bnSize: {
    label: 'Bottleneck size',
    kind: 'int',
    min: 1,
    max: 8,
    step: 1,
    doc: 'bn_size: the 1×1 bottleneck makes bn_size·k channels (the paper: 4); only with the bottleneck',
  },
  compression: {
    label: 'Compression θ',
    kind: 'number',
    min: 0,
    max: 1,
    minExclusive: true,
    step: 0.05,
    doc: 'compression θ: a transition keeps ⌊θ·m⌋ of m channels',
  },
} as const satisfies KnobSpecs<DenseNetKnobs>;

export function resolveDenseNet(input: KnobInput): DenseNetKnobs {
  checkKnownKeys(input, KNOBS);
  const k = { ...DENSENET_DEFAULTS, ...input } as Record<string, unknown>;
  if (typeof k.bottleneck !== 'boolean') throw new SpecError('not_in_set', 'bottleneck', k.bottleneck, 'true or false');
  const knobs: DenseNetKnobs = {
    growthRate: checkInt('growthRate', k.growthRate),
    blockConfig: checkIntList('blockConfig', k.blockConfig),
    initFeatures: checkInt('initFeatures', k.initFeatures),
    bottleneck: k.bottleneck,
    bnSize: checkInt('bnSize', k.bnSize),
    compression: checkReal('compression', k.compression, 0, 1),
    numClasses: checkInt('numClasses', k.numClasses),
    stem: checkOneOf('stem', k.stem, ['imagenet', 'cifar', 'small'] as const),
    inChannels: checkInt('inChannels', k.inChannels),
  };
  // Every transition must keep at least one channel.
  let m = knobs.initFeatures;
  knobs.blockConfig.forEach((n, i) => {
    m += n * knobs.growthRate;
    if (i < knobs.blockConfig.length - 1) {
      const kept = Math.floor(knobs.compression * m);
      if (kept < 1) {
        throw new SpecError('out_of_range', 'compression', knobs.compression, `a value >= ${1 / m} so transition${i + 1} keeps at least 1 of ${m} channels`);
      }
      m = kept;
    }
  });
  return knobs;
}

export function buildDenseNet(knobs: DenseNetKnobs, size: number, id = 'densenet'): Graph {
  const b = new GraphBuilder(id, [knobs.inChannels, size, size]);
  const layer = { growthRate: knobs.growthRate, bnSize: knobs.bnSize, bottleneck: knobs.bottleneck };
  let x: string = INPUT;
  b.group('stem', { kind: 'stem', role: 'stem', label: 'Stem' }, () => {
    if (knobs.stem === 'imagenet') {
      x = b.conv('features.conv0', x, { outC: knobs.initFeatures, k: 7, s: 2, p: 3 });
      x = b.bn('features.norm0', x);
      x = b.act('features.relu0', x);
      x = b.maxpool('features.pool0', x, 3, 2, 1);
    } else if (knobs.stem === 'small') {
      x = b.conv('features.conv0', x, { outC: knobs.initFeatures, k: 3, s: 1, p: 1 });
      x = b.bn('features.norm0', x);
      x = b.act('features.relu0', x);
    } else {
      x = b.conv('features.conv0', x, { outC: knobs.initFeatures, k: 3, s: 1, p: 1 });
    }
  });
  knobs.blockConfig.forEach((numLayers, bi) => {
    x = denseBlock(b, `features.denseblock${bi + 1}`, x, { ...layer, numLayers }, `Dense block ${bi + 1}`);
    if (bi < knobs.blockConfig.length - 1) {
      x = transition(b, `features.transition${bi + 1}`, x, transitionChannels(knobs.compression, b.channels(x)), `Transition ${bi + 1}`);
    }
  });
  b.group('head', { kind: 'head', role: 'classifier', label: 'Classifier' }, () => {
    x = b.bn('features.norm5', x);
    x = b.act('features.relu5', x);
    x = b.gap('avgpool', x, true);
    x = b.add('flatten', { kind: 'flatten' }, [x]);
    x = b.linear('classifier', x, knobs.numClasses);
  });
  return b.build(x);
}

export function describeDenseNet(k: DenseNetKnobs): string {
  return `densenet-k${k.growthRate}-${k.blockConfig.join('.')}-f${k.initFeatures}${k.bottleneck ? `-b${k.bnSize}` : ''}-c${k.compression}-${k.stem}-n${k.numClasses}${k.inChannels === 3 ? '' : `-in${k.inChannels}`}`;
}

export const DENSENET: Family<DenseNetKnobs> = {
  id: 'densenet',
  name: 'DenseNet',
  description: 'Each layer gets the concatenated feature maps of all earlier layers in its block and adds k new channels.',
  paper: {
    title: 'Densely Connected Convolutional Networks',
    authors: 'Gao Huang, Zhuang Liu, Laurens van der Maaten, Kilian Q. Weinberger',
    year: 2017,
    arxiv: 'https://arxiv.org/abs/1608.06993',
  },
  defaults: DENSENET_DEFAULTS,
  knobSpecs: DENSENET_KNOBS,
  defaultSize: 224,
  resolve: resolveDenseNet,
  build: buildDenseNet,
  describe: describeDenseNet,
};

/** Typed convenience: `densenet({growthRate: 12, blockConfig: [2, 2, 2], initFeatures: 16, numClasses: 10}, 64)`. */
export function densenet(knobs: Partial<DenseNetKnobs> = {}, size = 224, id?: string): Graph {
  const k = resolveDenseNet(knobs);
  return buildDenseNet(k, size, id ?? describeDenseNet(k));
}
