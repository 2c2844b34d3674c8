/**
 * Conv -> BatchNorm (-> activation) fusion for plain forward passes.
 *
 * Eval-mode BN is y = conv(x) * scale + shift per output channel, and conv is linear, so
 * y = conv(x, W * scale) + (bias * scale + shift): one fused conv kernel with a bias and the
 * activation instead of three or four passes over the activation map (most of the gain is on GPU
 * backends; on wasm it saves the 5-20 % that BN and ReLU take). W * scale is one float32 rounding
 * per weight, so results stay within float32 round-off of the unfused path (parity tests run both).
 *
 * findChains() finds the chains for both kinds of conv that can take the BN in: dense and depthwise
 * convs here (findFusedChains, foldIntoConv: one tf.fused kernel each), and grouped convs whose
 * strategy runs as one kernel ('packed', the default): the executor folds those through the
 * strategy's own fold() (groupconv.ts). Grouped convs on a multi-kernel strategy ('split',
 * 'blockdiag', 'depthwise', 'matmul') are not fused: there is no single kernel to fuse into. A chain
 * is fused only when its interior values (conv output, and BN output if an activation is fused)
 * are not captured and feed nothing else.
 */
import * as tf from '@tensorflow/tfjs';
import { convKind } from '../arch/conv-kind';
import type { Activation, Graph, Node, Op } from '../arch/ir';

type ConvOp = Extract<Op, { kind: 'conv' }>;
import { explicitPad } from './groupconv';
import { fusedConv2d, fusedDepthwiseConv2d } from './ops/fused-kernels';
import { directActivation, directFilterFromHWIO, groupedConvDirect } from './ops/grouped-conv-direct';
import type { ParamSet } from './params';

export interface FusedChain {
  readonly conv: Node;
  readonly bn: Node;
  readonly act: Activation | null;
  /** Name of the chain's last node: its value is what the fused kernel produces. */
  readonly out: string;
  /** Nodes computed by the fused kernel besides the conv (skipped by the executor). */
  readonly interior: readonly string[];
}

export interface FusedConv {
  /** 'direct': a dense conv in Layerwise's kernel layout (ops/grouped-conv-direct.ts), filter 1-D. */
  readonly kind: 'dense' | 'depthwise' | 'direct';
  readonly filter: tf.Tensor;
  readonly bias: tf.Tensor1D;
}

/**
 * Conv -> BN (-> activation) chains whose interior values (conv output, and BN output if an
 * activation follows) are not captured and are read by nothing else, for the convs `accept` keeps.
 * Keyed by conv node name. `capture`: node names whose values must stay observable.
 */
export function findChains(graph: Graph, capture: ReadonlySet<string>, accept: (op: ConvOp) => boolean): Map<string, FusedChain> {
  const consumers = new Map<string, Node[]>();
  for (const n of graph.nodes) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const only = (name: string): Node | null => {
    const c = consumers.get(name) ?? [];
    return c.length === 1 ? c[0] : null;
  };
  const observable = (name: string) => capture.has(name) || name === graph.output;
  const chains = new Map<string, FusedChain>();
  for (const conv of graph.nodes) {
    const op = conv.op;
    if (op.kind !== 'conv' || observable(conv.name) || !accept(op)) continue;
    const bn = only(conv.name);
    if (!bn || bn.op.kind !== 'bn' || bn.inputs.length !== 1) continue;
    const next = observable(bn.name) ? null : only(bn.name);
    const act = next && next.op.kind === 'act' ? next : null;
    chains.set(conv.name, {
      conv,
      bn,
      act: act && act.op.kind === 'act' ? act.op.fn : null,
      out: act ? act.name : bn.name,
      interior: act ? [bn.name, act.name] : [bn.name],
    });
  }
  return chains;
}

/** Dense and depthwise conv chains (one tfjs fused kernel each). */
export function findFusedChains(graph: Graph, capture: ReadonlySet<string>): Map<string, FusedChain> {
  return findChains(graph, capture, (op) => {
    const kind = convKind(op);
    // tf.fused.depthwiseConv2d only takes a single symmetric pad number.
    return kind === 'dense' || (kind === 'depthwise' && op.padding[0] === op.padding[1]);
  });
}

/**
 * Fold the BN into the conv's filter and bias (on the backend; float32 products). `outOrder`
 * (dense convs): write output channel outOrder[q] at position q instead, by permuting the filter's
 * output columns and the bias (exact: the same dot products, stored elsewhere).
 */
export function foldIntoConv(chain: FusedChain, params: ParamSet, outOrder?: Int32Array, direct = false): FusedConv {
  const c = params.byNode.get(chain.conv.name);
  const b = params.byNode.get(chain.bn.name);
  if (!c || c.kind !== 'conv' || c.conv.kind === 'grouped' || !b || b.kind !== 'bn') throw new Error(`cannot fuse ${chain.conv.name}`);
  const conv = c.conv;
  const [, , inC, mult] = conv.filter.shape;
  const { filter, bias } = tf.tidy(() => {
    // Dense HWIO: out channel is the last axis. Depthwise [kh,kw,C,mult]: out channel c*mult + m.
    const scale = conv.kind === 'dense' ? b.scale : tf.reshape(b.scale, [inC, mult]);
    const f = tf.mul(conv.filter, scale) as tf.Tensor4D;
    const bi = (conv.bias ? tf.add(tf.mul(conv.bias, b.scale), b.shift) : tf.clone(b.shift)) as tf.Tensor1D;
    if (!outOrder) return { filter: f, bias: bi };
    if (conv.kind !== 'dense') throw new Error(`${chain.conv.name}: only a dense conv's output channels can be reordered`);
    // tf.clone: wasm's GatherV2 leaves its result stored under a rank-4 shape (tfjs reshapes the
    // tensor, not the storage), and wasm's FusedConv2D checks the bias storage for rank 1.
    return { filter: tf.clone(tf.gather(f, outOrder, 3)) as tf.Tensor4D, bias: tf.clone(tf.gather(bi, outOrder)) as tf.Tensor1D };
  });
  if (direct) return { kind: 'direct', filter: toDirect(filter), bias };
  return { kind: conv.kind === 'dense' ? 'dense' : 'depthwise', filter, bias };
}

/** A dense HWIO filter in the direct kernel's layout (the 4-D tensor is disposed). */
export function toDirect(hwio: tf.Tensor4D): tf.Tensor1D {
  const [kh, kw, inC, outC] = hwio.shape;
  const f = tf.tensor1d(directFilterFromHWIO(hwio.dataSync() as Float32Array, kh, kw, inC, outC));
  hwio.dispose();
  return f;
}

/** A dense conv node alone (no BN after it) on the direct kernel: its own filter and bias. */
export function directConv(node: Node, params: ParamSet): FusedConv {
  const c = params.byNode.get(node.name);
  if (!c || c.kind !== 'conv' || c.conv.kind !== 'dense') throw new Error(`${node.name}: not a dense conv`);
  const { filter, bias } = c.conv;
  return { kind: 'direct', filter: toDirect(tf.clone(filter)), bias: bias ? tf.clone(bias) : (tf.zeros([filter.shape[3]]) as tf.Tensor1D) };
}

/** Runs a conv node on the direct kernel with `f` (from directConv or foldIntoConv). */
export function applyDirect(conv: Node, x: tf.Tensor4D, f: FusedConv, act: Activation | null): tf.Tensor4D {
  const op = conv.op;
  const a = directActivation(act);
  if (op.kind !== 'conv' || f.kind !== 'direct' || a === undefined) throw new Error(`${conv.name}: not a direct conv`);
  return groupedConvDirect(x, f.filter as tf.Tensor1D, f.bias, op, a);
}

/**
 * A BatchNorm (-> activation) that no conv before it can absorb: DenseNet's pre-activation
 * norm1 -> relu1 on each concatenation (and the transitions' norm -> relu, norm5 -> relu), where
 * the ReLU sits between the BN and the next conv, so the BN cannot fold into that conv either.
 */
export interface AffineChain {
  readonly bn: Node;
  readonly act: Activation | null;
  readonly out: string;
  /** The activation, when one is fused (skipped by the executor). */
  readonly interior: readonly string[];
}

/**
 * BN (-> activation) chains on [N,H,W,C] maps whose BN does not read a conv's output (a conv's BN
 * folds into the conv, or stays a plain node when a capture keeps the two apart: so the set of
 * affine BNs, and the kernels the model builds for them, do not depend on what is captured),
 * keyed by BN node name. The activation joins when the BN's value is not observable and the
 * activation is its only reader.
 */
export function findAffineChains(graph: Graph, capture: ReadonlySet<string>): Map<string, AffineChain> {
  const consumers = new Map<string, Node[]>();
  for (const n of graph.nodes) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const convs = new Set(graph.nodes.filter((n) => n.op.kind === 'conv').map((n) => n.name));
  const observable = (name: string) => capture.has(name) || name === graph.output;
  const chains = new Map<string, AffineChain>();
  for (const bn of graph.nodes) {
    if (bn.op.kind !== 'bn' || bn.inputs.length !== 1 || convs.has(bn.inputs[0]) || bn.outShape.length !== 3) continue;
    const c = consumers.get(bn.name) ?? [];
    const act = !observable(bn.name) && c.length === 1 && c[0].op.kind === 'act' ? c[0] : null;
    chains.set(bn.name, {
      bn,
      act: act && act.op.kind === 'act' ? act.op.fn : null,
      out: act ? act.name : bn.name,
      interior: act ? [act.name] : [],
    });
  }
  return chains;
}

/** An affine chain's kernel: eval-mode BN as a 1x1 depthwise filter (the scale) and a bias. */
export interface FusedAffine {
  readonly filter: tf.Tensor4D;
  readonly bias: tf.Tensor1D;
}

export function foldAffine(chain: AffineChain, params: ParamSet): FusedAffine {
  const b = params.byNode.get(chain.bn.name);
  if (!b || b.kind !== 'bn') throw new Error(`cannot fuse ${chain.bn.name}`);
  const c = b.scale.shape[0];
  return tf.tidy(() => ({ filter: tf.reshape(b.scale, [1, 1, c, 1]) as tf.Tensor4D, bias: tf.clone(b.shift) }));
}

/**
 * y = act(x * scale + shift) in ONE pass instead of three (mul, add, activation): a 1x1 depthwise
 * conv with bias and fused activation, which XNNPACK (tfjs' wasm backend) runs as its per-channel
 * multiply-add-clamp kernel. Same two float32 roundings per value as tf.mul then tf.add.
 */
export function applyAffine(chain: AffineChain, x: tf.Tensor4D, f: FusedAffine): tf.Tensor4D {
  return fusedDepthwiseConv2d({ x, filter: f.filter, strides: [1, 1], pad: 'valid', bias: f.bias, activation: chain.act ?? 'linear' });
}

export function applyFused(chain: FusedChain, x: tf.Tensor4D, f: FusedConv): tf.Tensor4D {
  const op = chain.conv.op;
  if (op.kind !== 'conv') throw new Error('not a conv');
  const strides: [number, number] = [op.stride[0], op.stride[1]];
  const activation = chain.act ?? 'linear';
  if (f.kind === 'direct') return applyDirect(chain.conv, x, f, chain.act);
  const filter = f.filter as tf.Tensor4D;
  if (f.kind === 'dense') return fusedConv2d({ x, filter, strides, pad: explicitPad(op.padding), bias: f.bias, activation });
  return fusedDepthwiseConv2d({ x, filter, strides, pad: op.padding[0], bias: f.bias, activation });
}
