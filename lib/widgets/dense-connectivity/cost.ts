/**
 * Parameters and MACs of the widget's dense block, its transition layer and a plain chain of the
 * same depth, all from lib/arch (the spec and its cost model), never computed by hand here.
 *
 * The block is the first block of a CIFAR-style DenseNet (3×3 stem to k0 channels, feature maps
 * `size`×`size`); a second one-layer block only exists so that the spec emits transition 1.
 */
import { densenet, graphCost, nodesInGroup, nodeCost, sumCosts, ZERO_COST, type Cost, type Graph } from '@/lib/arch';
import { GraphBuilder } from '@/lib/arch/builder';
import { INPUT } from '@/lib/arch/ir';

export interface BlockKnobs {
  readonly L: number;
  readonly k: number;
  readonly k0: number;
  readonly bottleneck: boolean;
  readonly theta: number;
}

/** Feature-map size the costs are computed at (CIFAR's first block). */
export const BLOCK_SIZE = 32;

export function denseBlockGraph(s: BlockKnobs, size = BLOCK_SIZE): Graph {
  return densenet(
    { growthRate: s.k, blockConfig: [s.L, 1], initFeatures: s.k0, bottleneck: s.bottleneck, bnSize: 4, compression: s.theta, stem: 'cifar', numClasses: 10 },
    size,
    'dense-connectivity',
  );
}

function costOf(graph: Graph, group: string): Cost {
  return nodesInGroup(graph, group).reduce((acc, n) => sumCosts(acc, nodeCost(n)), ZERO_COST);
}

export interface LayerCost {
  readonly layer: number;
  readonly inChannels: number;
  /** Width of the 1×1 bottleneck (4k), or null without one. */
  readonly bottleneckChannels: number | null;
  readonly outChannels: number;
  readonly cost: Cost;
}

export interface BlockCost {
  readonly layers: readonly LayerCost[];
  readonly block: Cost;
  readonly transition: Cost;
  /** Channels leaving the block (k0 + kL) and leaving the transition (⌊θ(k0 + kL)⌋). */
  readonly blockOut: number;
  readonly transitionOut: number;
  readonly size: number;
}

/** Costs per layer, of the block and of its transition. Throws SpecError for invalid knobs. */
export function denseBlockCost(s: BlockKnobs, size = BLOCK_SIZE): BlockCost {
  const g = denseBlockGraph(s, size);
  const blk = 'features.denseblock1';
  const byName = new Map(g.nodes.map((n) => [n.name, n]));
  const layers: LayerCost[] = [];
  for (let l = 1; l <= s.L; l++) {
    const p = `${blk}.denselayer${l}`;
    const norm1 = byName.get(`${p}.norm1`)!;
    const conv1 = byName.get(`${p}.conv1`)!;
    const last = byName.get(s.bottleneck ? `${p}.conv2` : `${p}.conv1`)!;
    layers.push({
      layer: l,
      inChannels: norm1.outShape[0],
      bottleneckChannels: s.bottleneck ? conv1.outShape[0] : null,
      outChannels: last.outShape[0],
      cost: costOf(g, p),
    });
  }
  const blockOut = byName.get(`${blk}.concat`)!.outShape[0];
  const transitionOut = byName.get('features.transition1.conv')!.outShape[0];
  return { layers, block: costOf(g, blk), transition: costOf(g, 'features.transition1'), blockOut, transitionOut, size };
}

/**
 * A plain chain of the same depth, built with the spec's GraphBuilder: L composite layers
 * BN → ReLU → 3×3 conv, each reading only the previous layer's k channels (the first reads k0).
 */
export function plainChainGraph(s: Pick<BlockKnobs, 'L' | 'k' | 'k0'>, size = BLOCK_SIZE): Graph {
  const b = new GraphBuilder('plain-chain', [s.k0, size, size]);
  let x: string = INPUT;
  for (let l = 1; l <= s.L; l++) {
    x = b.bn(`layer${l}.norm`, x);
    x = b.act(`layer${l}.relu`, x);
    x = b.conv(`layer${l}.conv`, x, { outC: s.k, k: 3, p: 1 });
  }
  return b.build(x);
}

export function plainChainCost(s: Pick<BlockKnobs, 'L' | 'k' | 'k0'>, size = BLOCK_SIZE): Cost {
  return graphCost(plainChainGraph(s, size)).total;
}
