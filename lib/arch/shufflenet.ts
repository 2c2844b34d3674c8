/**
 * ShuffleNet v2 (Ma, Zhang, Zheng, Sun, "ShuffleNet V2: Practical Guidelines for Efficient CNN
 * Architecture Design", ECCV 2018, arXiv:1807.11164), torchvision's layout
 * (torchvision/models/shufflenetv2.py). Table 5 of the paper gives the stage repeats (4, 8, 4)
 * and the output channels per width (0.5x: 24-48-96-192-1024, 1x: 24-116-232-464-1024,
 * 1.5x: 24-176-352-704-1024, 2x: 24-244-488-976-2048).
 *
 * Basic unit (stride 1, Fig. 3c): channel split, the identity half is untouched, the other half
 * goes through 1x1 -> 3x3 depthwise -> 1x1, then concat and channel shuffle (2 groups).
 * Downsampling unit (stride 2, Fig. 3d): no split; both branches see the whole input and each
 * outputs half the channels.
 *
 * Split ratio: torchvision only supports 0.5 (x.chunk(2)). For another ratio r (the paper's c'),
 * a basic unit keeps c' = round(r·c) channels on the identity branch and branch2 maps the other
 * c − c' channels to c − c'; a downsampling unit's branch1 outputs round(r·oup) channels and
 * branch2 oup − round(r·oup), so the next basic unit's identity part lines up with branch1.
 *
 * Small images (the digits models): `inChannels` sets conv1's input channels (1 for grey digits) and
 * `stem: 'small'` makes conv1 a 3x3 stride-1 conv and drops the max pool (PyTorch: conv1.0
 * replaced, maxpool = nn.Identity; see scripts/py/digits_models.py), so a 28x28 digit enters
 * stage2 at 28x28 and leaves stage4 at 4x4 instead of vanishing after the 32x downsampling.
 *
 * Built from blocks/shuffle-unit.ts (one `shuffleUnit` per unit).
 *
 * Names: torchvision's (`conv1.0`, `stage2.0.branch1.0`, `stage2.0.branch2.3`, `conv5.0`, `fc`).
 * Added non-tensor nodes: `stageN.M.split.0` / `.split.1` (the two channel slices),
 * `stageN.M.concat`, `stageN.M.shuffle`, and `mean` (x.mean([2, 3])).
 */
import type { Graph } from './ir';
import { INPUT } from './ir';
import { GraphBuilder } from './builder';
import { identityChannels, shuffleUnit } from './blocks/shuffle-unit';
import type { Family, KnobInput, KnobSpecs } from './family';
import { checkDivides, checkIntList, checkInt, checkKnownKeys, checkOneOf, checkReal } from './validate';
import { SpecError } from './errors';

/** imagenet: 3x3/2 conv + BN + ReLU + 3x3/2 max pool; small: 3x3/1 conv + BN + ReLU, no max pool. */
export type ShuffleNetV2Stem = 'imagenet' | 'small';

export interface ShuffleNetV2Knobs {
  /** Units per stage for stage2, stage3, stage4 (torchvision stages_repeats). */
  readonly stagesRepeats: readonly number[];
  /** Output channels of conv1, stage2, stage3, stage4, conv5 (torchvision stages_out_channels). */
  readonly stagesOutChannels: readonly number[];
  /** Fraction of channels on the identity branch of a basic unit (paper's c'/c; torchvision: 0.5). */
  readonly splitRatio: number;
  readonly numClasses: number;
  /** Channels of the input image (3 for RGB, 1 for grey digits). */
  readonly inChannels: number;
  readonly stem: ShuffleNetV2Stem;
}

export const SHUFFLENET_DEFAULTS: ShuffleNetV2Knobs = {
  stagesRepeats: [4, 8, 4],
  stagesOutChannels: [24, 116, 232, 464, 1024],
  splitRatio: 0.5,
  numClasses: 1000,
  inChannels: 3,
  stem: 'imagenet',
};

const KNOBS = Object.keys(SHUFFLENET_DEFAULTS);

/** The knobs a reader sets, declared once (lab, widgets, URLs derive from this). */
export const SHUFFLENET_KNOBS = {
  stagesRepeats: {
    label: 'Units per stage',
    kind: 'intList',
    min: 1,
    max: 32,
    minLength: 3,
    maxLength: 3,
    doc: 'units in stages 2, 3 and 4',
    itemDoc: 'units in the stage',
  },
  stagesOutChannels: {
    label: 'Stage widths',
    kind: 'intList',
    min: 1,
    max: 4096,
    minLength: 5,
    maxLength: 5,
    doc: 'output channels of conv1, stages 2–4 and conv5',
    itemDoc: 'output channels',
  },
  splitRatio: {
    label: 'Split ratio c′/c',
    kind: 'number',
    min: 0.05,
    max: 0.95,
    minExclusive: false,
    step: 0.05,
    doc: 'fraction of channels on the identity branch (c′/c)',
  },
} as const satisfies KnobSpecs<ShuffleNetV2Knobs>;

export { identityChannels };

export function resolveShuffleNetV2(input: KnobInput): ShuffleNetV2Knobs {
  checkKnownKeys(input, KNOBS);
  const k = { ...SHUFFLENET_DEFAULTS, ...input } as Record<string, unknown>;
  const knobs: ShuffleNetV2Knobs = {
    stagesRepeats: checkIntList('stagesRepeats', k.stagesRepeats, { length: 3 }),
    stagesOutChannels: checkIntList('stagesOutChannels', k.stagesOutChannels, { length: 5 }),
    splitRatio: checkReal('splitRatio', k.splitRatio, 0, 1),
    numClasses: checkInt('numClasses', k.numClasses),
    inChannels: checkInt('inChannels', k.inChannels),
    stem: checkOneOf('stem', k.stem, ['imagenet', 'small'] as const),
  };
  if (knobs.splitRatio >= 1) throw new SpecError('out_of_range', 'splitRatio', knobs.splitRatio, 'a number in (0, 1)');
  for (let i = 1; i <= 3; i++) {
    const c = knobs.stagesOutChannels[i];
    // The channel shuffle reshapes C into (2, C/2).
    checkDivides(`stagesOutChannels[${i}]`, 2, c, `stage${i + 1}'s output (channel shuffle with 2 groups)`);
    const left = identityChannels(c, knobs.splitRatio);
    if (left < 1 || c - left < 1) {
      throw new SpecError('out_of_range', 'splitRatio', knobs.splitRatio, `a ratio leaving at least 1 channel on each side of stage${i + 1}'s ${c} channels`);
    }
  }
  return knobs;
}

export function buildShuffleNetV2(knobs: ShuffleNetV2Knobs, size: number, id = 'shufflenet_v2'): Graph {
  const b = new GraphBuilder(id, [knobs.inChannels, size, size]);
  const ch = knobs.stagesOutChannels;
  const imagenet = knobs.stem === 'imagenet';
  let x: string = INPUT;
  b.group('stem', { kind: 'stem', role: 'stem', label: 'Stem' }, () => {
    x = b.conv('conv1.0', x, { outC: ch[0], k: 3, s: imagenet ? 2 : 1, p: 1 });
    x = b.bn('conv1.1', x);
    x = b.act('conv1.2', x);
    if (imagenet) x = b.maxpool('maxpool', x, 3, 2, 1);
  });
  knobs.stagesRepeats.forEach((repeats, si) => {
    const stage = `stage${si + 2}`;
    b.group(stage, { kind: 'stage', role: 'stage', label: `Stage ${si + 2}` }, () => {
      for (let j = 0; j < repeats; j++) {
        const p = `${stage}.${j}`;
        x = shuffleUnit(b, p, x, { outC: ch[si + 1], stride: j === 0 ? 2 : 1, splitRatio: knobs.splitRatio }, j === 0 ? `${p} (downsample)` : p);
      }
    });
  });
  b.group('conv5', { kind: 'stage', role: 'conv', label: 'Conv5' }, () => {
    x = b.conv('conv5.0', x, { outC: ch[4], k: 1 });
    x = b.bn('conv5.1', x);
    x = b.act('conv5.2', x);
  });
  b.group('head', { kind: 'head', role: 'classifier', label: 'Classifier' }, () => {
    x = b.gap('mean', x, false);
    x = b.linear('fc', x, knobs.numClasses);
  });
  return b.build(x);
}

export function describeShuffleNetV2(k: ShuffleNetV2Knobs): string {
  return `shufflenet_v2-${k.stagesRepeats.join('.')}-${k.stagesOutChannels.join('.')}-r${k.splitRatio}-n${k.numClasses}${k.inChannels === 3 && k.stem === 'imagenet' ? '' : `-in${k.inChannels}-${k.stem}`}`;
}

export const SHUFFLENET_V2: Family<ShuffleNetV2Knobs> = {
  id: 'shufflenet_v2',
  name: 'ShuffleNet v2',
  description: 'Channel split, a cheap 1x1-depthwise-1x1 branch and a channel shuffle: designed for measured speed, not FLOPs.',
  paper: {
    title: 'ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design',
    authors: 'Ningning Ma, Xiangyu Zhang, Hai-Tao Zheng, Jian Sun',
    year: 2018,
    arxiv: 'https://arxiv.org/abs/1807.11164',
  },
  defaults: SHUFFLENET_DEFAULTS,
  knobSpecs: SHUFFLENET_KNOBS,
  defaultSize: 224,
  resolve: resolveShuffleNetV2,
  build: buildShuffleNetV2,
  describe: describeShuffleNetV2,
};

export function shufflenetV2(knobs: Partial<ShuffleNetV2Knobs> = {}, size = 224, id?: string): Graph {
  const k = resolveShuffleNetV2(knobs);
  return buildShuffleNetV2(k, size, id ?? describeShuffleNetV2(k));
}
