/**
 * The ImageNet DenseNets of the paper's Table 1 (k = 32: 121, 169, 201, 264) and torchvision's
 * DenseNet-161 (k = 48, from the authors' released models, not in the paper's tables), with
 * parameters and MACs from the spec and the paper's Table 3 errors where the paper has them.
 */
import { buildGraph, densenet, graphCost, modelKnobs, type DenseNetKnobs, type Graph } from '@/lib/arch';

export interface PaperErrors {
  /** Single-crop / 10-crop top-1 and top-5 error (%), Huang et al. 2017, Table 3. */
  readonly top1: readonly [number, number];
  readonly top5: readonly [number, number];
}

export const PAPER_TABLE3: Readonly<Record<string, PaperErrors>> = {
  'DenseNet-121': { top1: [25.02, 23.61], top5: [7.71, 6.66] },
  'DenseNet-169': { top1: [23.8, 22.08], top5: [6.85, 5.92] },
  'DenseNet-201': { top1: [22.58, 21.46], top5: [6.34, 5.54] },
  'DenseNet-264': { top1: [22.15, 20.8], top5: [6.12, 5.29] },
};

export interface ConfigRow {
  readonly name: string;
  /** Registry id when the site has a lab page for it. */
  readonly id: string | null;
  readonly growthRate: number;
  readonly blocks: readonly number[];
  readonly initFeatures: number;
  /** Weighted layers by the paper's count: stem conv + 2 per dense layer + transitions + classifier. */
  readonly depth: number;
  readonly params: number;
  readonly macs: number;
  readonly paper: PaperErrors | null;
  readonly inPaper: boolean;
}

function row(name: string, id: string | null, graph: Graph, k: DenseNetKnobs, inPaper: boolean): ConfigRow {
  const cost = graphCost(graph).total;
  const dense = k.blockConfig.reduce((a, b) => a + b, 0);
  return {
    name,
    id,
    growthRate: k.growthRate,
    blocks: k.blockConfig,
    initFeatures: k.initFeatures,
    depth: 1 + 2 * dense + (k.blockConfig.length - 1) + 1,
    params: cost.params,
    macs: cost.macs,
    paper: PAPER_TABLE3[name] ?? null,
    inPaper,
  };
}

export function densenetConfigRows(): ConfigRow[] {
  const fromRegistry = (id: string, name: string, inPaper: boolean) => row(name, id, buildGraph(id), modelKnobs(id) as DenseNetKnobs, inPaper);
  const k264: DenseNetKnobs = { ...(modelKnobs('densenet121') as DenseNetKnobs), blockConfig: [6, 12, 64, 48] };
  return [
    fromRegistry('densenet121', 'DenseNet-121', true),
    fromRegistry('densenet169', 'DenseNet-169', true),
    fromRegistry('densenet201', 'DenseNet-201', true),
    row('DenseNet-264', null, densenet(k264, 224), k264, true),
    fromRegistry('densenet161', 'DenseNet-161', false),
  ];
}
