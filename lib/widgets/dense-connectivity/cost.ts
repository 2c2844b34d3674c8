/**
 * Parameters and MACs of the widget's dense block, its transition layer and a plain chain of the
 * same depth, all from lib/arch (the spec and its cost model), never computed by hand here.
 *
 * The block is built by the spec's own denseBlock and transition (lib/arch/blocks/dense.ts) on k0
 * input channels of `size`×`size` (the first block of a CIFAR DenseNet-BC), and read back by role.
 */
import {
  denseBlock,
  denseLayer,
  graphCost,
  GraphBuilder,
  groupOutput,
  groupsWithRole,
  nodesInGroup,
  nodeCost,
  sumCosts,
  transition,
  transitionChannels,
  ZERO_COST,
  type Cost,
  type Graph,
} from '@/lib/arch';
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
  const b = new GraphBuilder('dense-connectivity', [s.k0, size, size]);
  const x = denseBlock(b, 'features.denseblock1', INPUT, { numLayers: s.L, growthRate: s.k, bnSize: 4, bottleneck: s.bottleneck });
  return b.build(transition(b, 'features.transition1', x, transitionChannels(s.theta, b.channels(x))));
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
  return blockCostOf(denseBlockGraph(s, size), size);
}

/** The same numbers read from any graph with a dense block and a transition, by role and op. */
export function blockCostOf(g: Graph, size: number): BlockCost {
  const [blk] = groupsWithRole(g, 'dense-block');
  const [trans] = groupsWithRole(g, 'transition');
  const layers = groupsWithRole(g, 'dense-layer', blk.id).map((l, i): LayerCost => {
    const nodes = nodesInGroup(g, l.id);
    const convs = nodes.filter((n) => n.op.kind === 'conv');
    return {
      layer: i + 1,
      inChannels: nodes.find((n) => n.op.kind === 'bn')!.outShape[0],
      // DenseNet-B: the 1×1 conv before the 3×3 one.
      bottleneckChannels: convs.length > 1 ? convs[0].outShape[0] : null,
      outChannels: convs.at(-1)!.outShape[0],
      cost: costOf(g, l.id),
    };
  });
  const transitionOut = nodesInGroup(g, trans.id).find((n) => n.op.kind === 'conv')!.outShape[0];
  return { layers, block: costOf(g, blk.id), transition: costOf(g, trans.id), blockOut: groupOutput(g, blk.id)!.outShape[0], transitionOut, size };
}

/**
 * A plain chain of the same depth: L composite layers BN → ReLU → 3×3 conv (the spec's dense layer
 * without bottleneck), each reading only the previous layer's k channels (the first reads k0).
 */
export function plainChainGraph(s: Pick<BlockKnobs, 'L' | 'k' | 'k0'>, size = BLOCK_SIZE): Graph {
  const b = new GraphBuilder('plain-chain', [s.k0, size, size]);
  let x: string = INPUT;
  for (let l = 1; l <= s.L; l++) x = denseLayer(b, `layer${l}`, [x], { growthRate: s.k, bnSize: 4, bottleneck: false });
  return b.build(x);
}

export function plainChainCost(s: Pick<BlockKnobs, 'L' | 'k' | 'k0'>, size = BLOCK_SIZE): Cost {
  return graphCost(plainChainGraph(s, size)).total;
}
