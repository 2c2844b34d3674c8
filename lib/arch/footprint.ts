/**
 * What running a network costs before anything is built: weight bytes, peak activation bytes and
 * MACs, read from the spec alone (pure; no tfjs). The run guard (lib/runtime/run-guard.ts) compares
 * them with a backend's memory budget and measured speed, so a knob setting that describes a 10¹²-
 * parameter network is refused with numbers instead of freezing the tab while its weights are made.
 *
 * Everything is float32 (4 bytes) at batch 1, as the lab, the embeds, /compare and the CLI run.
 *
 * - weightBytes = params × 4 exactly (the learnable tensors, cost.ts's params).
 * - bufferBytes: BatchNorm running mean and variance, 2 × C × 4 per BN (buffers, not params).
 * - residentBytes: what the model holds between runs, an upper bound: the weights and buffers, plus
 *   the folded conv+BN filters the executor builds on first use (lib/runtime/fusion.ts keeps a
 *   second copy of every conv's weights), i.e. 2 × weightBytes + bufferBytes.
 * - peakActivationBytes: the executor (lib/runtime/executor.ts) walks the nodes in the spec's
 *   topological order and frees a node's output once its last consumer has run; the input lives
 *   throughout. So at node i the live tensors are the input, every earlier output still needed at
 *   or after i, and i's own output; the peak is the largest such sum, plus node i's workspace:
 *   a k×k conv (k > 1) that is not depthwise may materialise its im2col matrix,
 *   [outH·outW, inC·kh·kw] (tfjs' WebGL conv2dWithIm2Row), and a grouped conv run as one conv per
 *   group also holds the input's slices and the groups' outputs before they are concatenated.
 *   Fusion only removes tensors, so this is a sound upper bound for an unfused or fused pass.
 * - largestTensorBytes: the largest single tensor (a weight, an activation or an im2col matrix):
 *   GPU backends also limit one texture or buffer.
 */
import { convKind } from './conv-kind';
import { graphCost } from './cost';
import { INPUT, type Graph, type Node, type Shape } from './ir';

export const FLOAT32_BYTES = 4;

export interface Footprint {
  readonly params: number;
  readonly macs: number;
  readonly weightBytes: number;
  readonly bufferBytes: number;
  readonly residentBytes: number;
  readonly peakActivationBytes: number;
  /** The node whose step reaches the peak. */
  readonly peakAt: string;
  readonly largestTensorBytes: number;
}

const numel = (s: Shape) => s.reduce((a, b) => a * b, 1);

/** Elements of scratch a node may allocate beyond its output (see the module comment). */
export function workspaceElements(node: Node): number {
  const op = node.op;
  if (op.kind !== 'conv') return 0;
  const kind = convKind(op);
  const [, outH, outW] = node.outShape;
  const im2col = kind !== 'depthwise' && op.kernel[0] * op.kernel[1] > 1 ? outH * outW * op.inC * op.kernel[0] * op.kernel[1] : 0;
  const split = kind === 'grouped' ? numel(node.inShapes[0]) + numel(node.outShape) : 0;
  return im2col + split;
}

/** Peak live activation elements over the graph's order, and where it is reached. */
export function peakActivations(graph: Graph): { readonly elements: number; readonly at: string; readonly largest: number } {
  const n = graph.nodes.length;
  // The last step that reads each output; unread outputs (the logits, dead ends) live to the end.
  const lastUse = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    for (const name of node.inputs) if (name !== INPUT) lastUse.set(name, i);
  });
  const frees: string[][] = Array.from({ length: n }, () => []);
  for (const node of graph.nodes) {
    const last = lastUse.get(node.name);
    if (last !== undefined) frees[last].push(node.name);
  }
  const size = new Map(graph.nodes.map((node) => [node.name, numel(node.outShape)]));
  const inputElements = numel(graph.input);
  let live = inputElements;
  let peak = live;
  let at = INPUT;
  let largest = inputElements;
  graph.nodes.forEach((node, i) => {
    const out = size.get(node.name) ?? 0;
    const work = workspaceElements(node);
    live += out;
    largest = Math.max(largest, out, workspaceIm2col(node));
    if (live + work > peak) {
      peak = live + work;
      at = node.name;
    }
    for (const name of frees[i]) live -= size.get(name) ?? 0;
  });
  return { elements: peak, at, largest };
}

/** The im2col part of a node's workspace alone: it is one tensor. */
function workspaceIm2col(node: Node): number {
  const op = node.op;
  if (op.kind !== 'conv' || convKind(op) === 'depthwise' || op.kernel[0] * op.kernel[1] === 1) return 0;
  return node.outShape[1] * node.outShape[2] * op.inC * op.kernel[0] * op.kernel[1];
}

const cache = new WeakMap<Graph, Footprint>();

/** The footprint of one forward pass of `graph` (memoised per graph object). */
export function footprint(graph: Graph): Footprint {
  const hit = cache.get(graph);
  if (hit) return hit;
  const { total } = graphCost(graph);
  let bnChannels = 0;
  let largestWeight = 0;
  for (const node of graph.nodes) {
    const op = node.op;
    if (op.kind === 'bn') bnChannels += op.channels;
    if (op.kind === 'conv') largestWeight = Math.max(largestWeight, op.outC * (op.inC / op.groups) * op.kernel[0] * op.kernel[1]);
    if (op.kind === 'linear') largestWeight = Math.max(largestWeight, op.inF * op.outF);
  }
  const peak = peakActivations(graph);
  const weightBytes = total.params * FLOAT32_BYTES;
  const bufferBytes = 2 * bnChannels * FLOAT32_BYTES;
  const f: Footprint = {
    params: total.params,
    macs: total.macs,
    weightBytes,
    bufferBytes,
    residentBytes: 2 * weightBytes + bufferBytes,
    peakActivationBytes: peak.elements * FLOAT32_BYTES,
    peakAt: peak.at,
    largestTensorBytes: Math.max(peak.largest, largestWeight) * FLOAT32_BYTES,
  };
  cache.set(graph, f);
  return f;
}
