/**
 * Every model and family, torchvision-style: each variant is one line over a small table of knobs.
 *
 *   getModel('densenet121')                    -> entry (family, description, knobs, paper)
 *   buildGraph('densenet121', { size: 64 })    -> Graph
 *   buildGraph('resnext50_32x4d', { cardinality: 8 })  -> Graph with knobs overridden
 */
import type { Graph } from './ir';
import type { Family, FamilyId, KnobInput, Paper } from './family';
import { SpecError } from './errors';
import { checkSize } from './validate';
import { DENSENET, type DenseNetKnobs } from './densenet';
import { RESNEXT, type ResNeXtKnobs } from './resnext';
import { SHUFFLENET_V2, type ShuffleNetV2Knobs } from './shufflenet';
import { MNASNET, type MnasNetKnobs } from './mnasnet';
import { MNAS_A1_BASE_WIDTHS, MNAS_A1_BLOCKS } from './mnasnet-space';

type AnyFamily = Family<DenseNetKnobs> | Family<ResNeXtKnobs> | Family<ShuffleNetV2Knobs> | Family<MnasNetKnobs>;

export const FAMILIES: readonly AnyFamily[] = [DENSENET, RESNEXT, SHUFFLENET_V2, MNASNET];

/**
 * The data a model is made for, which fixes its input: imagenet = RGB [3, 224, 224] (torchvision's
 * ImageNet normalisation); cifar10 = RGB [3, 32, 32], 10 classes; digits = grey [1, 28, 28], values
 * in [0, 1], white digit on black as in MNIST, no normalisation, 10 classes (lib/data/digits).
 */
export type Dataset = 'imagenet' | 'cifar10' | 'digits';

export const DATASETS: readonly Dataset[] = ['imagenet', 'cifar10', 'digits'];

export interface ModelEntry {
  readonly id: string;
  readonly family: FamilyId;
  readonly description: string;
  /** Knobs overriding the family defaults. */
  readonly knobs: KnobInput;
  /** Input size the model is meant for (224 for ImageNet, 32 for CIFAR, 28 for digits). */
  readonly defaultSize: number;
  /** Which input the model takes (its graph.input channels and size follow from it). */
  readonly dataset: Dataset;
  /** True when torchvision.models has this exact model (same names, params and MACs). */
  readonly torchvision: boolean;
  /** The paper that introduced the model (ResNet-50 cites ResNet, not ResNeXt). */
  readonly paper: Paper;
}

const RESNET_PAPER: Paper = {
  title: 'Deep Residual Learning for Image Recognition',
  authors: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun',
  year: 2016,
  arxiv: 'https://arxiv.org/abs/1512.03385',
};

const familyOf = (id: FamilyId): AnyFamily => {
  const f = FAMILIES.find((x) => x.id === id);
  if (!f) throw new Error(`unknown family ${id}`);
  return f;
};

function entry(id: string, family: FamilyId, description: string, knobs: KnobInput, extra: Partial<ModelEntry> = {}): ModelEntry {
  return { id, family, description, knobs, defaultSize: 224, dataset: 'imagenet', torchvision: true, paper: familyOf(family).paper, ...extra };
}

/**
 * A digits member of a family: 28x28x1 input, 10 classes, a small stem, `torchvision: false`
 * (built from torchvision's classes with documented replacements, scripts/py/digits_models.py).
 */
function digits(id: string, family: FamilyId, description: string, knobs: KnobInput, extra: Partial<ModelEntry> = {}): ModelEntry {
  return entry(
    id,
    family,
    description,
    { ...knobs, inChannels: 1, numClasses: 10, stem: 'small' },
    { defaultSize: 28, dataset: 'digits', torchvision: false, ...extra },
  );
}

const tvShuffle = (c: number[]) => ({ stagesOutChannels: c });

export const MODELS: readonly ModelEntry[] = [
  // DenseNet paper Table 1 (ImageNet, k=32; DenseNet-161: k=48, 96 initial features).
  entry('densenet121', 'densenet', 'DenseNet-121 (k=32, blocks 6-12-24-16)', { blockConfig: [6, 12, 24, 16] }),
  entry('densenet161', 'densenet', 'DenseNet-161 (k=48, blocks 6-12-36-24, 96 initial features)', {
    growthRate: 48,
    blockConfig: [6, 12, 36, 24],
    initFeatures: 96,
  }),
  entry('densenet169', 'densenet', 'DenseNet-169 (k=32, blocks 6-12-32-32)', { blockConfig: [6, 12, 32, 32] }),
  entry('densenet201', 'densenet', 'DenseNet-201 (k=32, blocks 6-12-48-32)', { blockConfig: [6, 12, 48, 32] }),
  // DenseNet paper Table 2: DenseNet-BC (L=100, k=12) on CIFAR-10: 3 blocks of 16 bottleneck layers.
  entry(
    'densenet_bc_100_k12',
    'densenet',
    'DenseNet-BC L=100, k=12 for CIFAR-10 (32x32, ≈0.8M params)',
    { growthRate: 12, blockConfig: [16, 16, 16], initFeatures: 24, stem: 'cifar', numClasses: 10 },
    { defaultSize: 32, dataset: 'cifar10', torchvision: false },
  ),
  // ResNeXt paper Table 1 / torchvision: CxDd = cardinality x bottleneck width.
  entry('resnext50_32x4d', 'resnext', 'ResNeXt-50 (32x4d)', { layers: [3, 4, 6, 3], cardinality: 32, widthPerGroup: 4 }),
  entry('resnext101_32x8d', 'resnext', 'ResNeXt-101 (32x8d)', { layers: [3, 4, 23, 3], cardinality: 32, widthPerGroup: 8 }),
  entry('resnext101_64x4d', 'resnext', 'ResNeXt-101 (64x4d)', { layers: [3, 4, 23, 3], cardinality: 64, widthPerGroup: 4 }),
  // ShuffleNet v2 paper Table 5.
  entry('shufflenet_v2_x0_5', 'shufflenet_v2', 'ShuffleNet v2 0.5x', tvShuffle([24, 48, 96, 192, 1024])),
  entry('shufflenet_v2_x1_0', 'shufflenet_v2', 'ShuffleNet v2 1.0x', tvShuffle([24, 116, 232, 464, 1024])),
  entry('shufflenet_v2_x1_5', 'shufflenet_v2', 'ShuffleNet v2 1.5x', tvShuffle([24, 176, 352, 704, 1024])),
  entry('shufflenet_v2_x2_0', 'shufflenet_v2', 'ShuffleNet v2 2.0x', tvShuffle([24, 244, 488, 976, 2048])),
  // torchvision's MNASNet = MnasNet-B1 (no SE) at width multiplier alpha.
  entry('mnasnet0_5', 'mnasnet', 'MnasNet-B1, α=0.5 (torchvision)', { alpha: 0.5 }),
  entry('mnasnet0_75', 'mnasnet', 'MnasNet-B1, α=0.75 (torchvision)', { alpha: 0.75 }),
  entry('mnasnet1_0', 'mnasnet', 'MnasNet-B1, α=1.0 (torchvision)', { alpha: 1.0 }),
  entry('mnasnet1_3', 'mnasnet', 'MnasNet-B1, α=1.3 (torchvision)', { alpha: 1.3 }),
  // MnasNet paper Fig. 7(a): 3.9M params, 312M MACs.
  entry(
    'mnasnet_a1',
    'mnasnet',
    'MnasNet-A1 from the paper (SE on 3 blocks, ≈3.9M params, ≈312M MACs)',
    { blocks: MNAS_A1_BLOCKS, baseWidths: MNAS_A1_BASE_WIDTHS },
    { torchvision: false },
  ),
  // Baseline.
  entry(
    'resnet50',
    'resnext',
    'ResNet-50, the baseline (cardinality 1, width 64)',
    { layers: [3, 4, 6, 3], cardinality: 1, widthPerGroup: 64 },
    { paper: RESNET_PAPER },
  ),
  // Digits (28x28x1, 10 classes): each family's member small enough to train in the page, at most
  // 500k parameters and about 40M MACs. Counts in lib/arch/reference/digits_counts.json.
  // DenseNet-BC (paper Sec. 3 and Table 2: bottleneck 4k, compression θ = 0.5, 2k stem channels,
  // 3 blocks as on CIFAR) with k = 12 and L = 28 (3 blocks of (L − 4)/6 = 4 layers): 102k params, 33M MACs.
  digits('densenet_digits', 'densenet', 'DenseNet-BC L=28, k=12 for digits (28x28x1, ≈0.1M params)', {
    growthRate: 12,
    blockConfig: [4, 4, 4],
    initFeatures: 24,
    bottleneck: true,
    bnSize: 4,
    compression: 0.5,
  }),
  // ResNeXt paper Table 1: ResNet-50 (1x64d) against ResNeXt-50 (32x4d) at about the same
  // complexity. Here the same pair with one bottleneck in each of the first two stages (torchvision
  // fixes stage widths 64·2^i, so fewer stages is how to fit 500k params): 419k against 460k
  // params, 38.9M against 37.9M MACs.
  digits('resnext_digits', 'resnext', 'ResNeXt 32x4d, 2 stages of 1 block, for digits (28x28x1, ≈0.42M params)', {
    layers: [1, 1],
    cardinality: 32,
    widthPerGroup: 4,
  }),
  digits(
    'resnet_digits',
    'resnext',
    'ResNet 1x64d, 2 stages of 1 block, for digits (the ResNeXt comparison, ≈0.46M params)',
    { layers: [1, 1], cardinality: 1, widthPerGroup: 64 },
    { paper: RESNET_PAPER },
  ),
  // ShuffleNet v2 paper Table 5, 0.5x widths (24-48-96-192-1024) and repeats 4-8-4, with a
  // stride-1 stem and no max pool: 352k params, 9.0M MACs.
  digits('shufflenet_v2_digits', 'shufflenet_v2', 'ShuffleNet v2 0.5x for digits (28x28x1, stride-1 stem, ≈0.35M params)', {
    stagesRepeats: [4, 8, 4],
    stagesOutChannels: [24, 48, 96, 192, 1024],
  }),
  // MnasNet-B1 (torchvision's MNASNet) at α = 0.35, the paper's smallest width multiplier
  // (Table 5 / Fig. 6), stride-1 stem; the 1280-channel head (520k params in all) becomes 512
  // channels: 425k params, 3.7M MACs.
  digits('mnasnet_digits', 'mnasnet', 'MnasNet-B1, α=0.35, 512-channel head, for digits (28x28x1, ≈0.42M params)', {
    alpha: 0.35,
    headWidth: 512,
  }),
];

export const MODEL_IDS: readonly string[] = MODELS.map((m) => m.id);

/** Ids of the models made for `dataset`, in registry order (e.g. the digits models a trainer offers). */
export function modelIdsFor(dataset: Dataset): readonly string[] {
  return MODELS.filter((m) => m.dataset === dataset).map((m) => m.id);
}

export function getFamily(id: FamilyId): AnyFamily {
  return familyOf(id);
}

export function getModel(id: string): ModelEntry {
  const m = MODELS.find((x) => x.id === id);
  if (!m) throw new SpecError('unknown_model', 'id', id, `one of: ${MODEL_IDS.join(', ')}`, 'unknown model id');
  return m;
}

export interface BuildOptions extends Record<string, unknown> {
  /** Square input size, MIN_SIZE..MAX_SIZE (default: the model's defaultSize). */
  size?: number;
}

/** Knobs of a model after merging its entry over the family defaults (validated). */
export function modelKnobs(id: string, overrides: KnobInput = {}): object {
  const m = getModel(id);
  return getFamily(m.family).resolve({ ...m.knobs, ...overrides });
}

/** Builds the graph of a registered model, optionally overriding knobs; throws SpecError. */
export function buildGraph(id: string, opts: BuildOptions = {}): Graph {
  const { size: sizeOpt, ...overrides } = opts;
  const m = getModel(id);
  const size = checkSize(sizeOpt ?? m.defaultSize);
  const fam = getFamily(m.family);
  const custom = Object.keys(overrides).length > 0;
  return buildFamily(fam, { ...m.knobs, ...overrides }, size, custom ? undefined : id);
}

/** Builds any family from knob input; on a vanishing size, says which input sizes would work. */
export function buildFamily(fam: AnyFamily, knobs: KnobInput, size: number, id?: string): Graph {
  // The union's members have different knob types; dispatching through a generic helper keeps
  // each resolve/build pair type-checked together.
  const run = <K extends object>(f: Family<K>, s: number): Graph => {
    const k = f.resolve(knobs);
    return f.build(k, s, id ?? f.describe(k));
  };
  const go = (s: number): Graph => {
    switch (fam.id) {
      case 'densenet':
        return run(fam as Family<DenseNetKnobs>, s);
      case 'resnext':
        return run(fam as Family<ResNeXtKnobs>, s);
      case 'shufflenet_v2':
        return run(fam as Family<ShuffleNetV2Knobs>, s);
      case 'mnasnet':
        return run(fam as Family<MnasNetKnobs>, s);
    }
  };
  try {
    return go(size);
  } catch (e) {
    if (!(e instanceof SpecError) || e.code !== 'size_vanishes') throw e;
    const min = minimalSize(go, size);
    throw new SpecError('size_vanishes', 'size', size, min === null ? 'no input size up to 512 works with these knobs' : `an input size >= ${min}`, e.detail);
  }
}

/** Smallest size in (size, 512] that builds, by bisection (output sizes grow with input size). */
function minimalSize(go: (s: number) => Graph, size: number): number | null {
  const ok = (s: number) => {
    try {
      go(s);
      return true;
    } catch {
      return false;
    }
  };
  if (!ok(512)) return null;
  let lo = size;
  let hi = 512;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
