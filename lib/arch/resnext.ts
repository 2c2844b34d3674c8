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
import { checkInt, checkIntList, checkKnownKeys } from './validate';
import { SpecError } from './errors';

export interface ResNeXtKnobs {
  /** Bottleneck blocks per stage (torchvision `layers`), 4 stages. */
  readonly layers: readonly number[];
  /** C: groups of the 3x3 conv (torchvision `groups`). */
  readonly cardinality: number;
  /** d: channels per group at stage 1 (torchvision `width_per_group`). */
  readonly widthPerGroup: number;
  readonly numClasses: number;
}

export const RESNEXT_DEFAULTS: ResNeXtKnobs = { layers: [3, 4, 6, 3], cardinality: 32, widthPerGroup: 4, numClasses: 1000 };

const KNOBS = Object.keys(RESNEXT_DEFAULTS);

/** The knobs a reader sets, declared once (lab, widgets, URLs derive from this). */
export const RESNEXT_KNOBS = {
  layers: {
    label: 'Blocks per stage',
    kind: 'intList',
    min: 1,
    max: 64,
    minLength: 4,
    maxLength: 4,
    doc: 'bottleneck blocks per stage',
    itemDoc: 'bottleneck blocks in the stage',
  },
  cardinality: { label: 'Cardinality C', kind: 'int', min: 1, max: 256, step: 1, doc: 'cardinality C: groups of the 3×3 conv (parallel paths)' },
  widthPerGroup: { label: 'Bottleneck width d', kind: 'int', min: 1, max: 512, step: 1, doc: 'bottleneck width d: channels per group (per path) in stage 1' },
} as const satisfies KnobSpecs<ResNeXtKnobs>;
const PLANES = [64, 128, 256, 512];

/** torchvision: width = int(planes * (base_width / 64.0)) * groups. */
export function bottleneckWidth(planes: number, widthPerGroup: number, cardinality: number): number {
  return Math.floor((planes * widthPerGroup) / 64) * cardinality;
}

export function resolveResNeXt(input: KnobInput): ResNeXtKnobs {
  checkKnownKeys(input, KNOBS);
  const k = { ...RESNEXT_DEFAULTS, ...input } as Record<string, unknown>;
  const knobs: ResNeXtKnobs = {
    layers: checkIntList('layers', k.layers, { length: 4 }),
    cardinality: checkInt('cardinality', k.cardinality),
    widthPerGroup: checkInt('widthPerGroup', k.widthPerGroup),
    numClasses: checkInt('numClasses', k.numClasses),
  };
  if (bottleneckWidth(PLANES[0], knobs.widthPerGroup, 1) < 1) {
    throw new SpecError('out_of_range', 'widthPerGroup', knobs.widthPerGroup, 'an integer >= 1');
  }
  return knobs;
}

export function buildResNeXt(knobs: ResNeXtKnobs, size: number, id = 'resnext'): Graph {
  const b = new GraphBuilder(id, [3, size, size]);
  let x: string = INPUT;
  b.group('stem', { kind: 'stem', role: 'stem', label: 'Stem' }, () => {
    x = b.conv('conv1', x, { outC: 64, k: 7, s: 2, p: 3 });
    x = b.bn('bn1', x);
    x = b.act('relu', x);
    x = b.maxpool('maxpool', x, 3, 2, 1);
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
  return `resnext-${k.layers.join('.')}-${k.cardinality}x${k.widthPerGroup}d-n${k.numClasses}`;
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
