/**
 * The channel count through a DenseNet's depth, read from the spec's graph: for every dense layer
 * the channels it reads (the concatenation so far) and for every transition the channels it
 * receives and keeps. Within a block the count climbs by k per layer; each transition cuts it by θ
 * and halves the resolution: a saw-tooth. Steps are the graph's dense-layer and transition groups
 * (their roles), never its names.
 */
import { buildGraph, groupOutput, groupsWithRole, nodesInGroup, type Graph } from '@/lib/arch';

export interface ProfileStep {
  /** 1-based position along the depth (dense layers and transitions, in order). */
  readonly step: number;
  readonly kind: 'dense' | 'transition';
  /** Dense block (1-based) the step belongs to; a transition carries the block before it. */
  readonly block: number;
  /** Layer index within its block (1-based); 0 for a transition. */
  readonly layer: number;
  /** Channels the step reads. */
  readonly inChannels: number;
  /** Channels it writes: k for a dense layer, ⌊θm⌋ for a transition. */
  readonly outChannels: number;
  /** Spatial size of its input feature maps. */
  readonly resolution: number;
  /** Graph node whose input this is (for cross-checks). */
  readonly node: string;
}

export interface ChannelProfile {
  readonly graphId: string;
  readonly steps: readonly ProfileStep[];
  /** Channels after the last block (into the classifier). */
  readonly finalChannels: number;
  readonly growthRate: number;
  readonly blocks: number;
}

/** The profile of any DenseNet graph from lib/arch, read from its dense-block, dense-layer and transition groups. */
export function channelProfile(graph: Graph): ChannelProfile {
  const steps: ProfileStep[] = [];
  const blocks = groupsWithRole(graph, 'dense-block');
  const step = (kind: ProfileStep['kind'], block: number, layer: number, group: string) => {
    const nodes = nodesInGroup(graph, group);
    // The first BN reads what the step reads (the concatenation so far, or the block's output).
    const first = nodes.find((n) => n.op.kind === 'bn')!;
    const out = nodes.filter((n) => n.op.kind === 'conv').at(-1)!;
    steps.push({
      step: steps.length + 1,
      kind,
      block,
      layer,
      inChannels: first.inShapes[0][0],
      outChannels: out.outShape[0],
      resolution: first.inShapes[0][1],
      node: first.name,
    });
  };
  const transitions = groupsWithRole(graph, 'transition');
  blocks.forEach((blk, bi) => {
    groupsWithRole(graph, 'dense-layer', blk.id).forEach((l, li) => step('dense', bi + 1, li + 1, l.id));
    // The transition after block bi + 1 (the spec builds one between consecutive blocks).
    const t = transitions[bi];
    if (t) step('transition', bi + 1, 0, t.id);
  });
  const last = blocks.at(-1);
  const growth = steps.filter((s) => s.kind === 'dense').at(-1)?.outChannels ?? 0;
  return { graphId: graph.id, steps, finalChannels: last ? groupOutput(graph, last.id)!.outShape[0] : 0, growthRate: growth, blocks: blocks.length };
}

export function modelProfile(id: string): ChannelProfile {
  return channelProfile(buildGraph(id));
}

/** Per block: first and last input channel counts and the block's output (for captions and tests). */
export function blockSummaries(p: ChannelProfile): Array<{ block: number; layers: number; firstIn: number; lastIn: number; out: number; resolution: number }> {
  const out: Array<{ block: number; layers: number; firstIn: number; lastIn: number; out: number; resolution: number }> = [];
  for (let b = 1; b <= p.blocks; b++) {
    const ls = p.steps.filter((s) => s.kind === 'dense' && s.block === b);
    if (!ls.length) continue;
    const last = ls.at(-1)!;
    out.push({
      block: b,
      layers: ls.length,
      firstIn: ls[0].inChannels,
      lastIn: last.inChannels,
      out: last.inChannels + last.outChannels,
      resolution: ls[0].resolution,
    });
  }
  return out;
}

/** A sentence describing one step, for the live region and tooltips. */
export function describeStep(s: ProfileStep): string {
  if (s.kind === 'transition') {
    return `Transition ${s.block}: reads ${s.inChannels} channels at ${s.resolution}×${s.resolution}, keeps ${s.outChannels} (1×1 conv) and halves the resolution (2×2 average pooling).`;
  }
  return `Dense block ${s.block}, layer ${s.layer}: reads ${s.inChannels} channels at ${s.resolution}×${s.resolution} and adds ${s.outChannels}.`;
}
