/**
 * ResNeXt (Xie, Girshick, Dollár, Tu, He, "Aggregated Residual Transformations for Deep Neural
 * Networks", CVPR 2017, arXiv:1611.05431) and ResNet-50 (He et al. 2016, arXiv:1512.03385) as
 * its cardinality-1 case, in torchvision's layout (torchvision/models/resnet.py, Bottleneck only).
 *
 * The bottleneck's 3x3 conv is a grouped conv with C groups ("cardinality") of d channels each
 * ("bottleneck width"), i.e. torchvision's width = int(planes · d/64) · C, the paper's Fig. 3(c)
 * form. Stage planes are 64, 128, 256, 512 and the block output is 4·planes (expansion 4).
 * Stride sits on the 3x3 conv (torchvision's "ResNet v1.5"). resnext50_32x4d is the paper's
 * Table 1 model (C=32, d=4); resnet50 is C=1, d=64.
 *
 * Small images (the digits models): `inChannels` sets conv1's input channels (1 for grey digits),
 * `stem: 'small'` makes conv1 a 3x3 stride-2 conv and drops the max pool (PyTorch: conv1 replaced,
 * maxpool = nn.Identity), and `layers` may list fewer than 4 stages (PyTorch: the missing layerN =
 * nn.Identity, fc replaced by Linear(4·planes of the last stage, classes)); see
 * scripts/py/digits_models.py. torchvision fixes the stage planes (64·2^i), so fewer stages is the
 * only way to shrink the network without changing its class.
 *
 * Built from blocks/bottleneck.ts (one `bottleneck` per block).
 *
 * Names are torchvision's (`conv1`, `bn1`, `layer1.0.conv2`, `layer1.0.downsample.0`, `fc`).
 * torchvision reuses one ReLU module per block; here the three applications are `layerX.Y.relu1`,
 * `relu2`, `relu3` (relu3 after the residual `layerX.Y.add`). Nodes follow state_dict order:
 * `downsample.*` comes after `bn3`.
 */
import type { Graph } from './ir';
import { INPUT } from './ir';
import { GraphBuilder } from './builder';
import { bottleneck } from './blocks/bottleneck';
import type { Family, KnobInput, KnobSpecs } from './family';
import { checkInt, checkIntList, checkKnownKeys, checkOneOf } from './validate';
import { SpecError } from './errors';

/** imagenet: 7x7/2 conv + BN + ReLU + 3x3/2 max pool; small: 3x3/2 conv + BN + ReLU, no max pool. */
export type ResNeXtStem = 'imagenet' | 'small';

export interface ResNeXtKnobs {
  /** Bottleneck blocks per stage (torchvision `layers`): 4 stages, or fewer (the later ones removed). */
  readonly layers: readonly number[];
  /** C: groups of the 3x3 conv (torchvision `groups`). */
  readonly cardinality: number;
  /** d: channels per group at stage 1 (torchvision `width_per_group`). */
  readonly widthPerGroup: number;
  readonly numClasses: number;
  /** Channels of the input image (3 for RGB, 1 for grey digits). */
  readonly inChannels: number;
  readonly stem: ResNeXtStem;
}

export const RESNEXT_DEFAULTS: ResNeXtKnobs = {
  layers: [3, 4, 6, 3],
  cardinality: 32,
  widthPerGroup: 4,
  numClasses: 1000,
  inChannels: 3,
  stem: 'imagenet',
};

const KNOBS = Object.keys(RESNEXT_DEFAULTS);

/** The knobs a reader sets, declared once (lab, widgets, URLs derive from this). */
export const RESNEXT_KNOBS = {
  layers: {
    label: 'Blocks per stage',
    kind: 'intList',
    min: 1,
    max: 64,
    minLength: 1,
    maxLength: 4,
    doc: 'bottleneck blocks per stage (1 to 4 stages)',
    itemDoc: 'bottleneck blocks in the stage',
  },
  cardinality: { label: 'Cardinality C', kind: 'int', min: 1, max: 256, step: 1, doc: 'cardinality C: groups of the 3×3 conv (parallel paths)' },
  widthPerGroup: { label: 'Bottleneck width d', kind: 'int', min: 1, max: 512, step: 1, doc: 'bottleneck width d: channels per group (per path) in stage 1' },
} as const satisfies KnobSpecs<ResNeXtKnobs>;
/** torchvision's ResNet._make_layer planes of layer1..layer4. */
export const RESNEXT_PLANES: readonly number[] = [64, 128, 256, 512];
const PLANES = RESNEXT_PLANES;

/** torchvision: width = int(planes * (base_width / 64.0)) * groups. */
export function bottleneckWidth(planes: number, widthPerGroup: number, cardinality: number): number {
  return Math.floor((planes * widthPerGroup) / 64) * cardinality;
}

export function resolveResNeXt(input: KnobInput): ResNeXtKnobs {
  checkKnownKeys(input, KNOBS);
  const k = { ...RESNEXT_DEFAULTS, ...input } as Record<string, unknown>;
  const knobs: ResNeXtKnobs = {
    layers: checkIntList('layers', k.layers, { maxLength: PLANES.length }),
    cardinality: checkInt('cardinality', k.cardinality),
    widthPerGroup: checkInt('widthPerGroup', k.widthPerGroup),
    numClasses: checkInt('numClasses', k.numClasses),
    inChannels: checkInt('inChannels', k.inChannels),
    stem: checkOneOf('stem', k.stem, ['imagenet', 'small'] as const),
  };
  if (bottleneckWidth(PLANES[0], knobs.widthPerGroup, 1) < 1) {
    throw new SpecError('out_of_range', 'widthPerGroup', knobs.widthPerGroup, 'an integer >= 1');
  }
  return knobs;
}

export function buildResNeXt(knobs: ResNeXtKnobs, size: number, id = 'resnext'): Graph {
  const b = new GraphBuilder(id, [knobs.inChannels, size, size]);
  let x: string = INPUT;
  b.group('stem', { kind: 'stem', role: 'stem', label: 'Stem' }, () => {
    if (knobs.stem === 'imagenet') {
      x = b.conv('conv1', x, { outC: 64, k: 7, s: 2, p: 3 });
    } else {
      // Stride 2 even on a 28x28 digit: stage 1 is 256 channels wide (torchvision's fixed
      // 4·64), and at 28x28 instead of 14x14 it would cost 4x the MACs (151M against 38M).
      x = b.conv('conv1', x, { outC: 64, k: 3, s: 2, p: 1 });
    }
    x = b.bn('bn1', x);
    x = b.act('relu', x);
    if (knobs.stem === 'imagenet') x = b.maxpool('maxpool', x, 3, 2, 1);
  });
  knobs.layers.forEach((blocks, si) => {
    const stage = `layer${si + 1}`;
    const planes = PLANES[si];
    const width = bottleneckWidth(planes, knobs.widthPerGroup, knobs.cardinality);
    b.group(stage, { kind: 'stage', role: 'stage', label: `Stage ${si + 1} (${stage})` }, () => {
      for (let j = 0; j < blocks; j++) {
        x = bottleneck(b, `${stage}.${j}`, x, { planes, width, cardinality: knobs.cardinality, stride: j === 0 && si > 0 ? 2 : 1 });
      }
    });
  });
  b.group('head', { kind: 'head', role: 'classifier', label: 'Classifier' }, () => {
    x = b.gap('avgpool', x, true);
    x = b.add('flatten', { kind: 'flatten' }, [x]);
    x = b.linear('fc', x, knobs.numClasses);
  });
  return b.build(x);
}

export function describeResNeXt(k: ResNeXtKnobs): string {
  const input = k.inChannels === 3 && k.stem === 'imagenet' ? '' : `-in${k.inChannels}-${k.stem}`;
  return `resnext-${k.layers.join('.')}-${k.cardinality}x${k.widthPerGroup}d-n${k.numClasses}${input}`;
}

export const RESNEXT: Family<ResNeXtKnobs> = {
  id: 'resnext',
  name: 'ResNeXt / ResNet',
  description: 'Residual bottlenecks whose 3x3 conv is split into C parallel groups ("cardinality"); C=1 is ResNet.',
  paper: {
    title: 'Aggregated Residual Transformations for Deep Neural Networks',
    authors: 'Saining Xie, Ross Girshick, Piotr Dollár, Zhuowen Tu, Kaiming He',
    year: 2017,
    arxiv: 'https://arxiv.org/abs/1611.05431',
  },
  defaults: RESNEXT_DEFAULTS,
  knobSpecs: RESNEXT_KNOBS,
  defaultSize: 224,
  resolve: resolveResNeXt,
  build: buildResNeXt,
  describe: describeResNeXt,
};

/** Typed convenience, e.g. the parity model ResNet(Bottleneck, [1,1,1,1], groups=4, width_per_group=4, num_classes=10):
 * `resnext({layers: [1, 1, 1, 1], cardinality: 4, widthPerGroup: 4, numClasses: 10}, 64)`. */
export function resnext(knobs: Partial<ResNeXtKnobs> = {}, size = 224, id?: string): Graph {
  const k = resolveResNeXt(knobs);
  return buildResNeXt(k, size, id ?? describeResNeXt(k));
}
