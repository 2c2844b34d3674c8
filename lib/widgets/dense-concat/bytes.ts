/**
 * What a dense block's concatenations cost in bytes, two ways (per image, float32):
 *
 * - naive: every layer concatenates a fresh tensor holding the whole state so far, so after
 *   layer ℓ it has written the state k₀ + ℓk channels wide once more. This is what torchvision's
 *   `_DenseLayer.bn_function` (torch.cat of all earlier features at the start of every layer) and
 *   `_DenseBlock.forward` (one more at the end) do, and what the spec's concat nodes describe:
 *     naive(L) = H·W·4 B · Σ_{ℓ=1..L} (k₀ + ℓk) = H·W·4 B · (L·k₀ + k·L(L+1)/2)   — quadratic in L.
 *   Trained naively, autograd also keeps every one of these tensors for the backward pass, which is
 *   the quadratic memory Pleiss et al. 2017 ("Memory-Efficient Implementation of DenseNets",
 *   arXiv:1707.06990, Sec. 2-3) set out to remove.
 * - shared: one storage of k₀ + Lk channels allocated up front (the paper's "shared memory
 *   storage"), laid out channels-first so that the state after layer ℓ is a prefix of it; the
 *   block input is written in once and each layer writes its k new channels once, into its slot:
 *     shared(L) = H·W·4 B · (k₀ + L·k)   — linear in L.
 *
 * Pure arithmetic plus readers of the spec (lib/arch): no tfjs here.
 */
import { buildGraph, INPUT, nodesInGroup, type Graph } from '@/lib/arch';
import { reuseNodes } from '@/lib/widgets/dense-reuse/block';

/** float32. */
export const FLOAT_BYTES = 4;

/** The shape of one dense block: k₀ input channels, growth rate k, L layers, H×W maps. */
export interface BlockShape {
  readonly k0: number;
  readonly k: number;
  readonly L: number;
  readonly h: number;
  readonly w: number;
}

/** Channels of the block's state after layer ℓ (ℓ = 0: the block input). */
export function stateChannels(s: Pick<BlockShape, 'k0' | 'k'>, layer: number): number {
  return s.k0 + layer * s.k;
}

const mapBytes = (s: BlockShape, channels: number) => channels * s.h * s.w * FLOAT_BYTES;

/** Bytes the naive implementation has written after `layer` layers: Σ_{ℓ=1..layer} (k₀ + ℓk)·H·W·4. */
export function naiveBytes(s: BlockShape, layer = s.L): number {
  let sum = 0;
  for (let l = 1; l <= layer; l++) sum += mapBytes(s, stateChannels(s, l));
  return sum;
}

/** The same sum in closed form: H·W·4·(ℓ·k₀ + k·ℓ(ℓ+1)/2). */
export function naiveBytesClosedForm(s: BlockShape, layer = s.L): number {
  return s.h * s.w * FLOAT_BYTES * (layer * s.k0 + (s.k * layer * (layer + 1)) / 2);
}

/** Bytes written into the shared storage after `layer` layers: the input once, each new map once. */
export function sharedBytes(s: BlockShape, layer = s.L): number {
  return mapBytes(s, stateChannels(s, layer));
}

/** Bytes of the shared storage, allocated once before layer 1: (k₀ + Lk)·H·W·4. */
export function sharedStorageBytes(s: BlockShape): number {
  return mapBytes(s, stateChannels(s, s.L));
}

/** One layer's row of the running count. */
export interface LayerBytes {
  readonly layer: number;
  /** State width after this layer: k₀ + ℓk. */
  readonly channels: number;
  /** Written at this layer, and in total up to it. */
  readonly naiveStep: number;
  readonly naiveTotal: number;
  readonly sharedStep: number;
  readonly sharedTotal: number;
}

/** The running count, layer 0 (the input, written into the shared storage) to L. */
export function runningBytes(s: BlockShape): LayerBytes[] {
  return Array.from({ length: s.L + 1 }, (_, l) => ({
    layer: l,
    channels: stateChannels(s, l),
    naiveStep: l === 0 ? 0 : mapBytes(s, stateChannels(s, l)),
    naiveTotal: naiveBytes(s, l),
    sharedStep: mapBytes(s, l === 0 ? s.k0 : s.k),
    sharedTotal: sharedBytes(s, l),
  }));
}

/** naive / shared after the whole block (about (L + 1)/2 when k₀ is small against Lk). */
export function naiveOverShared(s: BlockShape): number {
  return naiveBytes(s) / sharedBytes(s);
}

/** The shape of dense block `index` (0-based) of a spec graph, read from its nodes by role. */
export function blockShapeOf(graph: Graph, index = 0): BlockShape {
  const { sources } = reuseNodes(graph, index);
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const shapeOf = (name: string) => (name === INPUT ? graph.input : byName.get(name)?.outShape);
  const [k0, h, w] = shapeOf(sources[0]) ?? [];
  const k = shapeOf(sources[1])?.[0];
  if (k0 === undefined || k === undefined) throw new Error(`${graph.id}: dense block ${index + 1} has no input or no layer`);
  return { k0, k, L: sources.length - 1, h, w };
}

/** Bytes written by the spec's own concat nodes in dense block `index`: the naive implementation, as the spec builds it. */
export function specConcatBytes(graph: Graph, index = 0): number {
  const { block } = reuseNodes(graph, index);
  return nodesInGroup(graph, block)
    .filter((n) => n.op.kind === 'concat')
    .reduce((sum, n) => sum + n.outShape.reduce((a, b) => a * b, 1) * FLOAT_BYTES, 0);
}

/** A real network's dense block, for the figures beside the toy. */
export interface RealBlock {
  readonly model: string;
  readonly block: number;
  readonly shape: BlockShape;
  readonly naive: number;
  readonly shared: number;
}

/** Dense block `block` (1-based) of a registered DenseNet at its default input size, from the spec. */
export function realBlock(model = 'densenet121', block = 1): RealBlock {
  const graph = buildGraph(model);
  const shape = blockShapeOf(graph, block - 1);
  return { model, block, shape, naive: specConcatBytes(graph, block - 1), shared: sharedBytes(shape) };
}
