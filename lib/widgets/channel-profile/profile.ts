/**
 * The channel count through a DenseNet's depth, read from the spec's graph: for every dense layer
 * the channels it reads (the concatenation so far) and for every transition the channels it
 * receives and keeps. Within a block the count climbs by k per layer; each transition cuts it by θ
 * and halves the resolution: a saw-tooth.
 */
import { buildGraph, type Graph } from '@/lib/arch';

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

const LAYER = /^features\.denseblock(\d+)\.denselayer(\d+)\.norm1$/;
const TRANS = /^features\.transition(\d+)\.norm$/;

/** The profile of any DenseNet graph from lib/arch (torchvision names). */
export function channelProfile(graph: Graph): ChannelProfile {
  const steps: ProfileStep[] = [];
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  let blocks = 0;
  let growth = 0;
  for (const n of graph.nodes) {
    const m = LAYER.exec(n.name);
    if (m) {
      const block = Number(m[1]);
      const layer = Number(m[2]);
      blocks = Math.max(blocks, block);
      const prefix = `features.denseblock${block}.denselayer${layer}`;
      const out = byName.get(`${prefix}.conv2`) ?? byName.get(`${prefix}.conv1`);
      const outChannels = out ? out.outShape[0] : 0;
      growth = outChannels;
      steps.push({ step: steps.length + 1, kind: 'dense', block, layer, inChannels: n.inShapes[0][0], outChannels, resolution: n.inShapes[0][1], node: n.name });
      continue;
    }
    const t = TRANS.exec(n.name);
    if (t) {
      const block = Number(t[1]);
      const conv = byName.get(`features.transition${block}.conv`);
      steps.push({ step: steps.length + 1, kind: 'transition', block, layer: 0, inChannels: n.inShapes[0][0], outChannels: conv ? conv.outShape[0] : 0, resolution: n.inShapes[0][1], node: n.name });
    }
  }
  const norm5 = byName.get('features.norm5');
  return { graphId: graph.id, steps, finalChannels: norm5 ? norm5.outShape[0] : 0, growthRate: growth, blocks };
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
    out.push({ block: b, layers: ls.length, firstIn: ls[0].inChannels, lastIn: last.inChannels, out: last.inChannels + last.outChannels, resolution: ls[0].resolution });
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
