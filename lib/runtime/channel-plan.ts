/**
 * Channel steps for plain forward passes: runs of concat / shuffle / slice nodes that execute as
 * one channel gather (ops/channel-gather.ts) instead of one tfjs op each.
 *
 * - ShuffleNet v2 (Ma et al. 2018, Fig. 3): a unit ends with concat -> channel shuffle and the next
 *   unit starts with the channel split (two slices). The three are one fixed permutation, so the
 *   step reads the two branch outputs and writes the two halves the next unit reads; the
 *   concatenated and shuffled maps are never built (only when captured, or read by anything else).
 * - DenseNet (Huang et al. 2017, Eq. 2): layer l reads concat(x_0, ..., x_{l-1}); the layer before
 *   built concat(x_0, ..., x_{l-2}), so the step copies that one and appends x_{l-1} (two inputs
 *   instead of l; the same bytes, far fewer copies).
 *
 * Every value a step produces is bit-identical to the op chain it replaces. A chain stops at a value
 * that must stay observable (captured, or the graph output), which the step then produces.
 */
import { type Graph, INPUT, type Node } from '../arch/ir';
import { type ChannelGather, type ChannelMap, channelGather, concatMap, shuffleMap, sliceMap } from './ops/channel-gather';

export interface ChannelStep {
  /** The step's first node (graph order); it runs where that node would. */
  readonly lead: string;
  /** The other nodes it computes, materialised or not. */
  readonly fused: readonly string[];
  /** Values it reads (node names or `input`). */
  readonly inputs: readonly string[];
  /** Values it writes, one per map. */
  readonly outputs: readonly string[];
  readonly maps: readonly ChannelMap[];
  readonly gather: ChannelGather;
}

const CHANNEL_OPS = new Set(['concat', 'shuffle', 'slice']);

function identityMap(c: number): ChannelMap {
  return concatMap([c]);
}

/** Channel steps keyed by their lead node. `taken`: nodes other fusions already compute. */
export function findChannelSteps(graph: Graph, capture: ReadonlySet<string>, taken: ReadonlySet<string> = new Set()): Map<string, ChannelStep> {
  const byName = new Map<string, Node>(graph.nodes.map((n) => [n.name, n]));
  const consumers = new Map<string, Node[]>();
  for (const n of graph.nodes) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const observable = (name: string) => capture.has(name) || name === graph.output;
  // Channel counts of feature maps ([C, H, W]); other values (flattened, [F]) are left alone.
  const mapChannels = (name: string): number | null => {
    const shape = name === INPUT ? graph.input : byName.get(name)?.outShape;
    return shape && shape.length === 3 ? shape[0] : null;
  };
  const eligible = (n: Node) => CHANNEL_OPS.has(n.op.kind) && !taken.has(n.name) && n.outShape.length === 3 && n.inputs.every((i) => mapChannels(i) !== null);

  const steps = new Map<string, ChannelStep>();
  const covered = new Set<string>();
  /** Concats produced as values so far: their inputs, for prefix reuse. */
  const concats: Array<{ name: string; inputs: readonly string[] }> = [];

  for (const n of graph.nodes) {
    if (covered.has(n.name) || !eligible(n)) continue;
    const op = n.op;
    let inputs: string[];
    let map: ChannelMap;
    if (op.kind === 'concat') {
      // Longest earlier concat whose inputs begin this one's (DenseNet's previous layer).
      let best: { name: string; inputs: readonly string[] } | null = null;
      for (const c of concats)
        if (c.inputs.length < n.inputs.length && c.inputs.length > (best?.inputs.length ?? 1) && c.inputs.every((x, i) => x === n.inputs[i])) best = c;
      inputs = best ? [best.name, ...n.inputs.slice(best.inputs.length)] : [...n.inputs];
      map = concatMap(inputs.map((i) => mapChannels(i) as number));
    } else {
      inputs = [n.inputs[0]];
      const whole = identityMap(mapChannels(n.inputs[0]) as number);
      map = op.kind === 'shuffle' ? shuffleMap(whole, op.groups) : op.kind === 'slice' ? sliceMap(whole, op.start, op.size) : whole;
    }
    const fused: string[] = [];
    let cur = n;
    // Fold a following shuffle while nothing else needs the value before it.
    for (;;) {
      const next = consumers.get(cur.name) ?? [];
      if (observable(cur.name) || next.length !== 1 || next[0].op.kind !== 'shuffle' || !eligible(next[0])) break;
      map = shuffleMap(map, next[0].op.groups);
      cur = next[0];
      fused.push(cur.name);
    }
    let outputs: string[] = [cur.name];
    let maps: ChannelMap[] = [map];
    const readers = consumers.get(cur.name) ?? [];
    if (!observable(cur.name) && readers.length > 0 && readers.every((r) => r.op.kind === 'slice' && eligible(r))) {
      // ShuffleNet's split: the slices become the outputs; the shuffled map is never built.
      outputs = readers.map((r) => r.name);
      maps = readers.map((r) => (r.op.kind === 'slice' ? sliceMap(map, r.op.start, r.op.size) : map));
      fused.push(...outputs);
    }
    for (const f of fused) covered.add(f);
    if (outputs.length === 1 && outputs[0] === n.name && op.kind === 'concat') concats.push({ name: n.name, inputs: n.inputs });
    steps.set(n.name, { lead: n.name, fused, inputs, outputs, maps, gather: channelGather(maps) });
  }
  return steps;
}
