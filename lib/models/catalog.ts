/**
 * The model catalogue shown on /models: one row per registered model, every figure derived from
 * its spec (lib/arch), never typed in by hand.
 */
import { FAMILIES, MODELS, buildGraph, graphCost, type Dataset, type FamilyId, type Graph } from '@/lib/arch';

export interface ModelRow {
  readonly id: string;
  readonly family: FamilyId;
  readonly familyName: string;
  readonly description: string;
  readonly year: number;
  readonly params: number;
  readonly macs: number;
  readonly flops: number;
  /** Weighted layers (conv + linear) on the longest input→output path: ResNet-50 → 50. */
  readonly depth: number;
  readonly size: number;
  readonly dataset: Dataset;
  /** What the model reads, e.g. "224×224 RGB, ImageNet" or "28×28 grey, digits": its counts are at that size. */
  readonly input: string;
  readonly torchvision: boolean;
}

const DATASET_INPUT: Record<Dataset, { readonly colour: string; readonly data: string }> = {
  imagenet: { colour: 'RGB', data: 'ImageNet' },
  cifar10: { colour: 'RGB', data: 'CIFAR-10' },
  digits: { colour: 'grey', data: 'digits' },
};

export function inputLabel(dataset: Dataset, size: number): string {
  const d = DATASET_INPUT[dataset];
  return `${size}×${size} ${d.colour}, ${d.data}`;
}

/**
 * Depth as the networks' names count it: the most conv/linear layers met on any path from the input
 * to the output. Projection shortcuts sit beside the main path, so ResNet-50 counts 50 and
 * DenseNet-121 counts 121.
 */
export function weightedDepth(graph: Graph): number {
  return weightedDepths(graph).get(graph.output) ?? 0;
}

/** The same count at every node (and `input`, 0): the weighted layers on its longest path from the input. */
export function weightedDepths(graph: Graph): Map<string, number> {
  const depth = new Map<string, number>([['input', 0]]);
  for (const n of graph.nodes) {
    const before = Math.max(...n.inputs.map((i) => depth.get(i) ?? 0));
    depth.set(n.name, before + (n.op.kind === 'conv' || n.op.kind === 'linear' ? 1 : 0));
  }
  return depth;
}

export function modelRows(): ModelRow[] {
  return MODELS.map((m) => {
    const graph = buildGraph(m.id);
    const { total } = graphCost(graph);
    const fam = FAMILIES.find((f) => f.id === m.family)!;
    return {
      id: m.id,
      family: m.family,
      familyName: fam.name,
      description: m.description,
      year: m.paper.year,
      params: total.params,
      macs: total.macs,
      flops: total.flops,
      depth: weightedDepth(graph),
      size: m.defaultSize,
      dataset: m.dataset,
      input: inputLabel(m.dataset, m.defaultSize),
      torchvision: m.torchvision,
    };
  });
}
