/**
 * The executor's plan: the graph as the list of steps one forward pass runs, in graph order.
 *
 * A step is one node, or several nodes computed by one kernel: a conv with the BN (and activation)
 * after it (fusion.ts findChains), a BN (and activation) that no conv can absorb (findAffineChains),
 * or a run of concat / shuffle / slice nodes done as one copy (channel-plan.ts). Each step reads
 * `inputs` and writes `outputs`; a node inside a step whose value nothing outside needs is never
 * materialised. Every node of the graph belongs to exactly one step (`lead` or `fused`), which is
 * what the profiler reports.
 *
 * Which fusions apply: with `fuse` off, none (every node is its own tfjs op, as lib/train and
 * lib/explain run them). With it on, conv chains everywhere (grouped ones only for a strategy that
 * runs as one kernel), plus the FAST_PATHS that defaultFastPaths picks for the backend.
 */
import { convKind } from '../arch/conv-kind';
import { type ConvOp, type Graph, INPUT, type Node } from '../arch/ir';
import { type ChannelStep, findChannelSteps } from './channel-plan';
import { type AffineChain, type FusedChain, findAffineChains } from './fusion';
import { packOrder } from './groupconv';
import { denseDirectHere, denseDirectTakes } from './ops/grouped-conv-direct';

interface Base {
  readonly lead: string;
  readonly fused: readonly string[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export type Step =
  | (Base & {
      readonly kind: 'node';
      readonly node: Node;
      /** A dense conv run by Layerwise's SIMD kernel (the 'direct' fast path). */
      readonly direct?: boolean;
    })
  | (Base & {
      readonly kind: 'conv-chain';
      readonly chain: FusedChain;
      /** A dense conv chain run by Layerwise's SIMD kernel (the 'direct' fast path). */
      readonly direct?: boolean;
      /** Write the output channels in this order (packOrder for the grouped conv that reads them). */
      readonly outOrder?: Int32Array;
      /** A grouped conv whose input already comes in packed order (from its producer's outOrder). */
      readonly prepacked?: boolean;
    })
  | (Base & { readonly kind: 'affine'; readonly chain: AffineChain })
  | (Base & { readonly kind: 'channels'; readonly step: ChannelStep })
  | (Base & { readonly kind: 'pool'; readonly node: Node });

export interface PlanOptions {
  readonly capture: ReadonlySet<string>;
  /** Conv -> BN (-> act) chains to run as one kernel (already filtered for `capture`). */
  readonly chains: ReadonlyMap<string, FusedChain>;
  readonly fast: ReadonlySet<FastPath>;
}

/**
 * The plan's optional fusions beyond conv chains (ModelOptions.fast; benchmarks switch them off
 * one by one to measure what each buys):
 * - 'affine': BN (-> activation) that no conv absorbs as one kernel (findAffineChains);
 * - 'channels': concat / shuffle / slice runs as one copy (channel-plan.ts);
 * - 'prepack': a fused grouped conv takes its input in packed order from the dense conv chain
 *   before it (the 'packed' strategy, groupconv.ts packOrder): the producer's filter writes its
 *   channels so, and the grouped conv skips the transpose (ResNeXt's conv1 -> bn1 -> relu -> conv2).
 * - 'direct': dense convs (alone or with their BN and activation) through Layerwise's WebAssembly
 *   SIMD kernel (ops/grouped-conv-direct.ts) instead of XNNPACK, on one thread.
 * - 'pool': max pooling with the kernel's own padding and global average pooling as one pool
 *   (ops/pool.ts maxPoolPadded, ops/dense.ts globalAvgPoolAsPool; XNNPACK on wasm).
 */
export const FAST_PATHS = ['affine', 'channels', 'prepack', 'pool', 'direct'] as const;
export type FastPath = (typeof FAST_PATHS)[number];

/**
 * The fast paths a plain forward uses by default: all of them on wasm, where they were measured,
 * except 'direct' where XNNPACK has a thread pool (ops/grouped-conv-direct.ts denseDirectHere).
 */
export function defaultFastPaths(backend: string, groupConv: string): FastPath[] {
  if (backend !== 'wasm') return fastPathsFor(['prepack'], groupConv);
  return fastPathsFor(FAST_PATHS, groupConv).filter((f) => f !== 'direct' || denseDirectHere());
}

/** `paths` without those `groupConv` cannot take: 'prepack' hands a grouped conv its input in packed order, which only 'packed' takes. */
export function fastPathsFor(paths: readonly FastPath[], groupConv: string): FastPath[] {
  return paths.filter((f) => f !== 'prepack' || groupConv === 'packed');
}

/** A dense conv (with the chain's activation, if any) that the 'direct' fast path runs. */
function runsDirect(o: PlanOptions, conv: Node, act: FusedChain['act'] | null): boolean {
  return o.fast.has('direct') && conv.op.kind === 'conv' && convKind(conv.op) === 'dense' && denseDirectTakes(conv.op.outC, act);
}

export function planSteps(graph: Graph, o: PlanOptions): Step[] {
  const taken = new Set<string>();
  for (const c of o.chains.values()) for (const n of c.interior) taken.add(n);
  const affine = o.fast.has('affine') ? findAffineChains(graph, o.capture) : new Map<string, AffineChain>();
  for (const c of affine.values()) for (const n of c.interior) taken.add(n);
  const channels = o.fast.has('channels') ? findChannelSteps(graph, o.capture, taken) : new Map<string, ChannelStep>();
  for (const c of channels.values()) for (const n of c.fused) taken.add(n);

  const normalised = new Set(graph.nodes.filter((n) => n.op.kind === 'bn').flatMap((n) => n.inputs));
  const steps: Step[] = [];
  for (const node of graph.nodes) {
    if (taken.has(node.name)) continue;
    const chain = o.chains.get(node.name);
    const aff = affine.get(node.name);
    const ch = channels.get(node.name);
    if (chain) {
      const direct = runsDirect(o, chain.conv, chain.act) || undefined;
      steps.push({ kind: 'conv-chain', chain, direct, lead: node.name, fused: chain.interior, inputs: [node.inputs[0]], outputs: [chain.out] });
    } else if (aff) steps.push({ kind: 'affine', chain: aff, lead: node.name, fused: aff.interior, inputs: [node.inputs[0]], outputs: [aff.out] });
    else if (ch) steps.push({ kind: 'channels', step: ch, lead: ch.lead, fused: ch.fused, inputs: ch.inputs, outputs: ch.outputs });
    else if (o.fast.has('pool') && (node.op.kind === 'maxpool' || (node.op.kind === 'gap' && node.inShapes[0].length === 3)))
      steps.push({ kind: 'pool', node, lead: node.name, fused: [], inputs: node.inputs, outputs: [node.name] });
    else {
      // A conv alone only where no BN reads it (DenseNet's conv2, the transitions): one that a
      // capture split from its BN runs as tfjs's op, so a capture plan builds no second filter.
      const direct = runsDirect(o, node, null) && !normalised.has(node.name);
      steps.push({ kind: 'node', node, direct: direct || undefined, lead: node.name, fused: [], inputs: node.inputs, outputs: [node.name] });
    }
  }
  return o.fast.has('prepack') ? prepack(graph, steps, o.capture) : steps;
}

/** Mark dense conv chains that feed only a fused grouped conv to write its packed order. */
function prepack(graph: Graph, steps: Step[], capture: ReadonlySet<string>): Step[] {
  const counts = stepConsumerCounts(steps);
  const producer = new Map<string, number>();
  steps.forEach((s, i) => s.outputs.forEach((o) => producer.set(o, i)));
  const out = [...steps];
  steps.forEach((s, i) => {
    if (s.kind !== 'conv-chain' || convKind(s.chain.conv.op as ConvOp) !== 'grouped') return;
    const v = s.inputs[0];
    const p = producer.get(v);
    const ps = p === undefined ? null : out[p];
    if (!ps || ps.kind !== 'conv-chain' || convKind(ps.chain.conv.op as ConvOp) !== 'dense' || ps.outOrder) return;
    if (counts.get(v) !== 1 || capture.has(v) || v === graph.output) return;
    const op = s.chain.conv.op as ConvOp;
    out[p as number] = { ...ps, outOrder: packOrder(op.inC, op.groups) };
    out[i] = { ...s, prepacked: true };
  });
  return out;
}

/** How many times each value is read by the plan's steps. */
export function stepConsumerCounts(steps: readonly Step[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of steps) for (const i of s.inputs) if (i !== INPUT) counts.set(i, (counts.get(i) ?? 0) + 1);
  return counts;
}
