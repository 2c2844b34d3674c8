/**
 * The real dense block of the reuse widget, as a spec graph: an ImageNet stem (7×7/2 conv, BN,
 * ReLU, 3×3/2 max pool: 256 px -> 64×64 maps of k0 channels) and one DenseNet-B block of L layers
 * with growth rate k, then the usual head. Plus the nodes whose outputs the widget reads (found by
 * their groups' roles) and the channel ranges that the concatenations are made of.
 */
import { densenet, groupInputs, groupOutput, groupsWithRole, nodesInGroup, type Graph } from '@/lib/arch';
import { inputBands, type Band } from '@/lib/widgets/dense-connectivity/layout';
import { REUSE_BLOCK } from './meta';

export function reuseGraph(): Graph {
  return densenet(
    { growthRate: REUSE_BLOCK.k, blockConfig: [REUSE_BLOCK.L], initFeatures: REUSE_BLOCK.k0, bottleneck: true, bnSize: 4, stem: 'imagenet', numClasses: 10 },
    REUSE_BLOCK.inputSize,
    'dense-reuse',
  );
}

export interface ReuseNodes {
  /** sources[s]: the node holding x_s (x_0 = the block's input, the stem's output; x_s = layer s's k new channels). */
  readonly sources: readonly string[];
  /** reads[ℓ − 1]: the node holding what layer ℓ reads; reads[L]: the block's output (what a transition would read). */
  readonly reads: readonly string[];
}

/** The nodes of a graph's first dense block that the widget reads, found by role and op (never by name). */
export function reuseNodes(graph: Graph): ReuseNodes {
  const [block] = groupsWithRole(graph, 'dense-block');
  const layers = groupsWithRole(graph, 'dense-layer', block.id);
  const sources = [groupInputs(graph, block.id)[0], ...layers.map((l) => groupOutput(graph, l.id)!.name)];
  // A layer reads what its first BN reads: the block input for layer 1, its concatenation after.
  const reads = layers.map((l) => nodesInGroup(graph, l.id).find((n) => n.op.kind === 'bn')!.inputs[0]);
  return { sources, reads: [...reads, groupOutput(graph, block.id)!.name] };
}

let cached: ReuseNodes | null = null;
const nodes = (): ReuseNodes => (cached ??= reuseNodes(reuseGraph()));

/** Output of source s: x0 = the stem's output, x_s = layer s's last conv. */
export function sourceNode(s: number): string {
  return nodes().sources[s];
}

/** The tensor that layer ℓ reads (ℓ = L+1: the block's output, what a transition would read). */
export function inputNode(layer: number): string {
  return nodes().reads[layer - 1];
}

/** Every node the widget captures in its single forward pass. */
export function capturedNodes(): string[] {
  const n = nodes();
  return [...new Set([...n.sources, ...n.reads])];
}

/** Channel bands of layer ℓ's input: which source owns which channels. */
export function reuseBands(layer: number): Band[] {
  return inputBands(layer, REUSE_BLOCK.k0, REUSE_BLOCK.k);
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
