/**
 * The closing lesson's line-up: the baseline and the four architectures of the course, one
 * registered ImageNet model each, with what the lessons say about them and the ImageNet accuracy
 * each paper reports (single 224×224 crop, top-1 on the validation set). Parameters and MACs are
 * never written here: table.ts computes them from the spec (lib/arch). Each accuracy is read from
 * the constant where the lesson that cites it already keeps it, so a paper figure lives once.
 * Framework-free.
 */
import { PAPER_TABLE1 } from '@/lib/widgets/cardinality-groups/ablation';
import { PAPER_TABLE3 } from '@/lib/widgets/densenet-configs/rows';
import { PUBLISHED_MODELS } from '@/lib/widgets/reward-explorer/reward';
import { SHUFFLENET_V2_TABLE8 } from '@/lib/papers/shufflenet-v2-table8';

/** Where a published figure comes from. */
export interface PaperSource {
  /** "Huang et al. 2017, Table 3". */
  readonly label: string;
  /** The paper (arXiv abstract page). */
  readonly href: string;
  /** What the figure is, where the paper's own setting needs saying (a re-implementation, a protocol). */
  readonly note?: string;
}

export interface LineupEntry {
  /** Registered model id (lib/arch/registry.ts). */
  readonly id: string;
  readonly name: string;
  readonly year: number;
  /** The central idea, in a few words. */
  readonly idea: string;
  /** The lesson that teaches it: /lessons/<slug>. */
  readonly lesson: string;
  /** ImageNet top-1 accuracy (%) as the paper reports it. */
  readonly paperTop1: number;
  readonly source: PaperSource;
  /** The same family's digits model (shipped trained, lib/weights/shipped-digits-index.ts). */
  readonly digits: string;
}

const ARXIV = {
  resnet: 'https://arxiv.org/abs/1512.03385',
  densenet: 'https://arxiv.org/abs/1608.06993',
  resnext: 'https://arxiv.org/abs/1611.05431',
  shufflenet: 'https://arxiv.org/abs/1807.11164',
  mnasnet: 'https://arxiv.org/abs/1807.11626',
} as const;

/** Rounded to the paper's one or two decimals (100 − error keeps float noise otherwise). */
const fromError = (errorPercent: number) => Math.round((100 - errorPercent) * 100) / 100;

function table8(model: string): number {
  const row = SHUFFLENET_V2_TABLE8.find((r) => r.model === model);
  if (!row) throw new Error(`ShuffleNet v2 Table 8 has no row "${model}"`);
  return fromError(row.top1Error);
}

function mnasTable1(name: string): number {
  const m = PUBLISHED_MODELS.find((p) => p.name === name);
  if (!m) throw new Error(`MnasNet Table 1 has no row "${name}"`);
  return Math.round(m.top1 * 1000) / 10;
}

/** In the order of the course: the baseline first, then the lessons' order. */
export const LINEUP: readonly LineupEntry[] = [
  {
    id: 'resnet50',
    name: 'ResNet-50',
    year: 2016,
    idea: 'add each block’s input to its output',
    lesson: 'intro',
    paperTop1: fromError(PAPER_TABLE1.resnet50.top1),
    source: {
      label: 'Xie et al. 2017, Table 3',
      href: ARXIV.resnext,
      note: 're-trained by the ResNeXt authors',
    },
    digits: 'resnet_digits',
  },
  {
    id: 'densenet121',
    name: 'DenseNet-121',
    year: 2017,
    idea: 'concatenate every earlier feature map',
    lesson: 'densenet',
    paperTop1: fromError(PAPER_TABLE3['DenseNet-121'].top1[0]),
    source: { label: 'Huang et al. 2017, Table 3', href: ARXIV.densenet, note: 'single-crop error 25.02%' },
    digits: 'densenet_digits',
  },
  {
    id: 'resnext50_32x4d',
    name: 'ResNeXt-50 (32×4d)',
    year: 2017,
    idea: 'split the 3×3 into C = 32 groups (cardinality)',
    lesson: 'resnext',
    paperTop1: fromError(PAPER_TABLE1.resnext50_32x4d.top1),
    source: { label: 'Xie et al. 2017, Table 3', href: ARXIV.resnext },
    digits: 'resnext_digits',
  },
  {
    id: 'shufflenet_v2_x1_0',
    name: 'ShuffleNet v2 1×',
    year: 2018,
    idea: 'split the channels, convolve half, shuffle; designed by measured speed',
    lesson: 'shufflenet-v2',
    paperTop1: table8('ShuffleNet v2 1×'),
    source: { label: 'Ma et al. 2018, Table 8', href: ARXIV.shufflenet },
    digits: 'shufflenet_v2_digits',
  },
  {
    id: 'mnasnet_a1',
    name: 'MnasNet-A1',
    year: 2019,
    idea: 'search the blocks for accuracy and phone latency',
    lesson: 'mnasnet',
    paperTop1: mnasTable1('MnasNet-A1'),
    source: { label: 'Tan et al. 2019, Table 1', href: ARXIV.mnasnet },
    digits: 'mnasnet_digits',
  },
];

export const LINEUP_IDS: readonly string[] = LINEUP.map((e) => e.id);

export function lineupEntry(id: string): LineupEntry {
  const e = LINEUP.find((x) => x.id === id);
  if (!e) throw new Error(`"${id}" is not in the closing lesson's line-up`);
  return e;
}
