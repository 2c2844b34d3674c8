/**
 * The networks of the reuse widget, as spec graphs, and what it reads from them:
 * - `digits`: densenet_digits (lib/arch/registry.ts), the DenseNet-BC that ships trained on digits
 *   (three blocks of four layers, k = 12);
 * - `imagenet`: one DenseNet-B block of L layers with growth rate k after an ImageNet stem (7×7/2
 *   conv, BN, ReLU, 3×3/2 max pool: 256 px -> 64×64 maps of k0 channels), then the usual head, with
 *   random weights only.
 * Plus the nodes whose outputs the widget reads (found by their groups' roles) and the channel
 * ranges the concatenations are made of (traced through the spec's concat nodes, weight-reuse.ts).
 */
import { buildGraph, densenet, groupOutput, groupsWithRole, nodesInGroup, type Graph } from '@/lib/arch';
import type { Band } from '@/lib/widgets/dense-connectivity/layout';
import { REUSE_BLOCK, REUSE_DIGITS_MODEL, type ReuseNet } from './meta';
import { blockSources, traceBands } from './weight-reuse';

export function reuseGraph(): Graph {
  return densenet(
    { growthRate: REUSE_BLOCK.k, blockConfig: [REUSE_BLOCK.L], initFeatures: REUSE_BLOCK.k0, bottleneck: true, bnSize: 4, stem: 'imagenet', numClasses: 10 },
    REUSE_BLOCK.inputSize,
    'dense-reuse',
  );
}

export interface ReuseNodes {
  /** The dense block's group id. */
  readonly block: string;
  /** sources[s]: the node holding x_s (x_0 = the block's input; x_s = layer s's k new channels). */
  readonly sources: readonly string[];
  /** reads[ℓ − 1]: the node holding what layer ℓ reads; reads[L]: the block's output (what a transition would read). */
  readonly reads: readonly string[];
}

/** The nodes of a graph's dense block number `index` (0-based), found by role and op (never by name). */
export function reuseNodes(graph: Graph, index = 0): ReuseNodes {
  const block = groupsWithRole(graph, 'dense-block')[index];
  if (!block) throw new RangeError(`${graph.id} has no dense block ${index + 1}`);
  const layers = groupsWithRole(graph, 'dense-layer', block.id);
  // A layer reads what its first BN reads: the block input for layer 1, its concatenation after.
  const reads = layers.map((l) => nodesInGroup(graph, l.id).find((n) => n.op.kind === 'bn')!.inputs[0]);
  return { block: block.id, sources: blockSources(graph, block.id), reads: [...reads, groupOutput(graph, block.id)!.name] };
}

/** One network of the widget: its graph and every dense block's nodes. */
export interface ReuseView {
  readonly net: ReuseNet;
  readonly graph: Graph;
  readonly blocks: readonly ReuseNodes[];
}

const views = new Map<ReuseNet, ReuseView>();

export function reuseView(net: ReuseNet): ReuseView {
  let v = views.get(net);
  if (!v) {
    const graph = net === 'digits' ? buildGraph(REUSE_DIGITS_MODEL) : reuseGraph();
    const blocks = groupsWithRole(graph, 'dense-block').map((_, i) => reuseNodes(graph, i));
    v = { net, graph, blocks };
    views.set(net, v);
  }
  return v;
}

/** Every node the widget captures in its single forward pass: all blocks' sources and reads. */
export function capturedNodes(view: ReuseView): string[] {
  return [...new Set(view.blocks.flatMap((b) => [...b.sources, ...b.reads]))];
}

/** Channel bands of layer ℓ's input (ℓ = L + 1: the block output): which source owns which channels. */
export function layerBands(view: ReuseView, block: number, layer: number): Band[] {
  const b = view.blocks[block];
  return traceBands(view.graph, b.reads[layer - 1], b.sources);
}

/**
 * max |concat[c0 + i] − source[i]| over all channels i of one band, for NCHW batch item 0: zero
 * when the concatenation really is the source's output, copied.
 */
export function bandDifference(concat: Float32Array, source: Float32Array, band: Band, hw: number): number {
  let m = 0;
  const n = band.size * hw;
  if (source.length < n) return NaN;
  const off = band.start * hw;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(concat[off + i] - source[i]);
    if (!(d <= m)) m = d;
  }
  return m;
}
