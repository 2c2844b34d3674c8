/**
 * Which earlier layers a dense layer actually weights, read from its weights: the DenseNet paper's
 * Fig. 5 (Huang et al. 2017, arXiv:1608.06993, Sec. 5 "Feature Reuse"). "The color of pixel (s, ℓ)
 * encodes the average L1 norm (normalized by number of input feature-maps) of the weights
 * connecting convolutional layer s to ℓ within a dense block": for target ℓ, the mean |w| of its
 * first weighted layer (DenseNet-B: the 1×1 bottleneck conv) over the input channels that source s
 * wrote, all output channels and kernel taps.
 *
 * Targets of a block of L layers: its dense layers ℓ = 1..L, and ℓ = L + 1, the first weighted
 * layer that reads the block's output (the transition's 1×1 conv, or after the last block the
 * classifier, as in the paper's figure). Sources: s = 0, the block's input (the stem, or the
 * transition before), and s = 1..L, each layer's k new channels.
 *
 * Which channels came from which source is traced through the spec's concatenations (op kind and
 * input order, through the channel-preserving BN, ReLU, pooling and flatten in between), never from
 * names. Pure: a graph and a state dict in, numbers out (no tfjs).
 */
import { groupChain, groupInputs, groupOutput, groupsWithRole, type Graph, type Node } from '@/lib/arch';
import { nodeTensors } from '@/lib/arch/statedict';
import type { StateDict } from '@/lib/runtime/weights/types';
import type { Band } from '@/lib/widgets/dense-connectivity/layout';

/** What reads a block's output: a dense layer of it, the next transition, or the classifier. */
export type ReuseTargetKind = 'dense-layer' | 'transition' | 'classifier';

export interface ReuseTarget {
  /** 1..L: dense layer ℓ; L + 1: the weighted layer that reads the block's output. */
  readonly layer: number;
  readonly kind: ReuseTargetKind;
  /** The conv (or linear) whose weights are read. */
  readonly weighted: string;
  /** Its input channels, by source, in concatenation order (source = index into BlockReuse.sources). */
  readonly bands: readonly Band[];
  /** meanAbs[s]: mean |w| over the channels of source s (s = 0..layer − 1). */
  readonly meanAbs: readonly number[];
  /** meanAbs[s] / max over s: 1 for the source this target weights most. */
  readonly relative: readonly number[];
}

export interface BlockReuse {
  /** The dense block's group id. */
  readonly block: string;
  readonly label: string;
  /** L: dense layers in the block. */
  readonly layers: number;
  /** sources[s]: the node holding x_s (0 = the block's input). */
  readonly sources: readonly string[];
  /** Targets ℓ = 1..L, then L + 1 when a weighted layer reads the block output. */
  readonly targets: readonly ReuseTarget[];
}

/** Sources of a block: its input, then each dense layer's output (by role, in forward order). */
export function blockSources(graph: Graph, blockId: string): string[] {
  const layers = groupsWithRole(graph, 'dense-layer', blockId);
  return [groupInputs(graph, blockId)[0], ...layers.map((l) => groupOutput(graph, l.id)!.name)];
}

const CHANNEL_PRESERVING = new Set<Node['op']['kind']>(['bn', 'act', 'dropout', 'gap']);

/**
 * The channels of node `name`'s output as bands of `sources`, traced back through concatenations
 * (in input order) and channel-preserving ops. Throws when the channels come from anything else.
 */
export function traceBands(graph: Graph, name: string, sources: readonly string[]): Band[] {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const channels = (n: string): number => {
    const node = byName.get(n);
    return node ? node.outShape[0] : graph.input[0];
  };
  const trace = (n: string): Band[] => {
    const s = sources.indexOf(n);
    if (s >= 0) return [{ source: s, start: 0, size: channels(n) }];
    const node = byName.get(n);
    if (!node) throw new Error(`${n} is neither a source of the block nor a node of ${graph.id}`);
    const op = node.op;
    if (op.kind === 'concat') {
      let offset = 0;
      return node.inputs.flatMap((i) => {
        const bands = trace(i).map((b) => ({ ...b, start: b.start + offset }));
        offset += channels(i);
        return bands;
      });
    }
    // Flatten keeps the channel order only once the maps are 1×1 (after global pooling).
    const keeps = CHANNEL_PRESERVING.has(op.kind) || (op.kind === 'flatten' && node.inShapes[0].slice(1).every((d) => d === 1));
    if (!keeps) throw new Error(`${n} (${op.kind}) does not pass the block's channels through unchanged`);
    return trace(node.inputs[0]);
  };
  return trace(name);
}

/** Mean |w| of a conv [O, I, kh, kw] or linear [O, I] weight over the input channels of each band. */
export function bandMeanAbs(weight: { readonly shape: readonly number[]; readonly data: Float32Array }, bands: readonly Band[], sourceCount: number): number[] {
  const [out, inC] = weight.shape;
  const taps = weight.shape.slice(2).reduce((a, b) => a * b, 1);
  const sum = new Float64Array(sourceCount);
  const count = new Float64Array(sourceCount);
  for (const b of bands) {
    if (b.start + b.size > inC) throw new Error(`a band of channels ${b.start}–${b.start + b.size - 1} does not fit a weight with ${inC} input channels`);
    for (let o = 0; o < out; o++) {
      const base = (o * inC + b.start) * taps;
      for (let i = 0; i < b.size * taps; i++) sum[b.source] += Math.abs(weight.data[base + i]);
    }
    count[b.source] += out * b.size * taps;
  }
  return Array.from(sum, (s, i) => (count[i] > 0 ? s / count[i] : NaN));
}

function weightOf(node: Node, sd: StateDict): { shape: readonly number[]; data: Float32Array } {
  if (node.op.kind === 'conv' && node.op.groups !== 1) throw new Error(`${node.name} is a grouped conv: its input channels do not each meet every output`);
  const key = nodeTensors(node)[0]?.key;
  const w = key === undefined ? undefined : sd.get(key);
  if (!w) throw new Error(`the weights have no ${key ?? node.name}`);
  return w;
}

function target(layer: number, kind: ReuseTargetKind, node: Node, bands: Band[], sd: StateDict): ReuseTarget {
  const meanAbs = bandMeanAbs(weightOf(node, sd), bands, layer);
  const max = Math.max(...meanAbs);
  return { layer, kind, weighted: node.name, bands, meanAbs, relative: meanAbs.map((v) => (max > 0 ? v / max : 0)) };
}

const isWeighted = (n: Node) => n.op.kind === 'conv' || n.op.kind === 'linear';

/** The Fig. 5 numbers of one dense block (a group with role `dense-block`). */
export function blockReuse(graph: Graph, sd: StateDict, blockId: string): BlockReuse {
  const block = graph.groups.find((g) => g.id === blockId && g.role === 'dense-block');
  if (!block) throw new Error(`${graph.id} has no dense block ${blockId}`);
  const sources = blockSources(graph, blockId);
  const layers = groupsWithRole(graph, 'dense-layer', blockId);
  const targets: ReuseTarget[] = layers.map((l, i) => {
    // The layer's first weighted node: DenseNet-B's 1×1 bottleneck (the 3×3 conv without it).
    const first = graph.nodes.find((n) => n.group !== null && isWeighted(n) && groupChain(graph, n.group).some((g) => g.id === l.id))!;
    return target(i + 1, 'dense-layer', first, traceBands(graph, first.inputs[0], sources), sd);
  });
  // What reads the block output: the first weighted node after the block, if its input is traced
  // back to the block's concatenation (the transition's conv; after the last block, the classifier).
  const out = groupOutput(graph, blockId)!.name;
  const after = graph.nodes.slice(graph.nodes.findIndex((n) => n.name === out) + 1);
  const next = after.find(isWeighted);
  if (next) {
    let bands: Band[] | null = null;
    try {
      bands = traceBands(graph, next.inputs[0], sources);
    } catch {
      bands = null; // something between the block and that layer mixes channels: no L + 1 column
    }
    const roles = groupChain(graph, next.group).map((g) => g.role);
    const kind: ReuseTargetKind | null = roles.includes('transition') ? 'transition' : roles.includes('classifier') ? 'classifier' : null;
    if (bands && kind && bands.length === sources.length) targets.push(target(layers.length + 1, kind, next, bands, sd));
  }
  return { block: blockId, label: block.label, layers: layers.length, sources, targets };
}

/** Fig. 5 for every dense block of a network, in forward order. */
export function networkReuse(graph: Graph, sd: StateDict): BlockReuse[] {
  return groupsWithRole(graph, 'dense-block').map((b) => blockReuse(graph, sd, b.id));
}

/**
 * The paper's observations on Fig. 5 (Sec. 5), counted on one set of weights:
 * - `x0Least`: in the blocks after the first, the targets (layers 2..L and what reads the block)
 *   whose least-weighted source is x₀, the previous transition's compressed output ("the layers
 *   within the second and third dense block consistently assign the least weight to the outputs
 *   of the transition layer");
 * - `classifierX0`: the classifier's weight on the last block's x₀, relative to its most-weighted
 *   source ("the final classification layer … seems to concentrate towards final feature-maps").
 */
export interface ReuseFindings {
  readonly x0Least: { readonly count: number; readonly of: number };
  readonly classifierX0: number | null;
}

export function reuseFindings(reuse: readonly BlockReuse[]): ReuseFindings {
  let count = 0;
  let of = 0;
  for (const b of reuse.slice(1))
    for (const t of b.targets.filter((x) => x.layer > 1)) {
      of++;
      if (t.relative.indexOf(Math.min(...t.relative)) === 0) count++;
    }
  const classifier = reuse.at(-1)?.targets.find((t) => t.kind === 'classifier');
  return { x0Least: { count, of }, classifierX0: classifier ? classifier.relative[0] : null };
}
