/**
 * Executable parameters: the tfjs tensors one node needs, in tfjs layouts, built from a validated
 * StateDict. A ParamSet owns all its tensors; building is all-or-nothing (a failure part-way,
 * e.g. GPU memory exhaustion, disposes what was already created and rethrows).
 */
import * as tf from '@tensorflow/tfjs';
import { convKind } from '../arch/conv-kind';
import type { Graph, Node } from '../arch/ir';
import { type GroupConvStrategy, type PreparedGroupConv, prepareGroupConv } from './groupconv';
import { depthwiseToTf, foldBatchNorm, linearToTf, oihwToHwio } from './layout';
import type { StateDict } from './weights/types';

export type ConvParams =
  | { kind: 'dense'; filter: tf.Tensor4D; bias: tf.Tensor1D | null }
  | { kind: 'depthwise'; filter: tf.Tensor4D; bias: tf.Tensor1D | null }
  | { kind: 'grouped'; prepared: PreparedGroupConv; bias: tf.Tensor1D | null };

export type NodeParams =
  | { kind: 'conv'; conv: ConvParams }
  | { kind: 'bn'; scale: tf.Tensor1D; shift: tf.Tensor1D }
  | { kind: 'linear'; weight: tf.Tensor2D; bias: tf.Tensor1D | null };

export interface ParamSet {
  readonly byNode: ReadonlyMap<string, NodeParams>;
  readonly groupConv: GroupConvStrategy;
  dispose(): void;
}

function need(sd: StateDict, key: string): Float32Array {
  const t = sd.get(key);
  if (!t) throw new Error(`internal: "${key}" missing after validation`);
  return t.data;
}

function disposeNodeParams(p: NodeParams): void {
  switch (p.kind) {
    case 'conv':
      if (p.conv.kind === 'grouped') p.conv.prepared.dispose();
      else p.conv.filter.dispose();
      p.conv.bias?.dispose();
      break;
    case 'bn':
      p.scale.dispose();
      p.shift.dispose();
      break;
    case 'linear':
      p.weight.dispose();
      p.bias?.dispose();
      break;
  }
}

function buildNode(node: Node, sd: StateDict, groupConv: GroupConvStrategy, owned: NodeParams[]): NodeParams | null {
  const op = node.op;
  const key = (s: string) => `${node.name}.${s}`;
  switch (op.kind) {
    case 'conv': {
      const w = need(sd, key('weight'));
      const [kh, kw] = op.kernel;
      // Create the bias first and register partial results so a throw leaves nothing behind.
      const bias = op.bias ? tf.tensor1d(need(sd, key('bias'))) : null;
      let conv: ConvParams;
      try {
        const kind = convKind(op);
        if (kind === 'dense') {
          conv = { kind: 'dense', filter: tf.tensor4d(oihwToHwio(w, op.outC, op.inC, kh, kw), [kh, kw, op.inC, op.outC]), bias };
        } else if (kind === 'depthwise') {
          // Depthwise (optionally with a channel multiplier): native tfjs op.
          const mult = op.outC / op.inC;
          conv = { kind: 'depthwise', filter: tf.tensor4d(depthwiseToTf(w, op.inC, mult, kh, kw), [kh, kw, op.inC, mult]), bias };
        } else {
          const prepared = prepareGroupConv(groupConv, op, w);
          conv = { kind: 'grouped', prepared, bias };
        }
      } catch (e) {
        bias?.dispose();
        throw e;
      }
      const p: NodeParams = { kind: 'conv', conv };
      owned.push(p);
      return p;
    }
    case 'bn': {
      const { scale, shift } = foldBatchNorm(
        need(sd, key('weight')),
        need(sd, key('bias')),
        need(sd, key('running_mean')),
        need(sd, key('running_var')),
        op.eps,
      );
      const s = tf.tensor1d(scale);
      let sh: tf.Tensor1D;
      try {
        sh = tf.tensor1d(shift);
      } catch (e) {
        s.dispose();
        throw e;
      }
      const p: NodeParams = { kind: 'bn', scale: s, shift: sh };
      owned.push(p);
      return p;
    }
    case 'linear': {
      const weight = tf.tensor2d(linearToTf(need(sd, key('weight')), op.outF, op.inF), [op.inF, op.outF]);
      let bias: tf.Tensor1D | null = null;
      try {
        bias = op.bias ? tf.tensor1d(need(sd, key('bias'))) : null;
      } catch (e) {
        weight.dispose();
        throw e;
      }
      const p: NodeParams = { kind: 'linear', weight, bias };
      owned.push(p);
      return p;
    }
    default:
      return null;
  }
}

/** Build every node's tensors. The StateDict must already be validated against the graph. */
export function buildParams(graph: Graph, sd: StateDict, groupConv: GroupConvStrategy): ParamSet {
  const owned: NodeParams[] = [];
  const byNode = new Map<string, NodeParams>();
  try {
    for (const node of graph.nodes) {
      const p = buildNode(node, sd, groupConv, owned);
      if (p) byNode.set(node.name, p);
    }
  } catch (e) {
    owned.forEach(disposeNodeParams);
    throw e;
  }
  let disposed = false;
  return {
    byNode,
    groupConv,
    dispose() {
      if (disposed) return;
      disposed = true;
      owned.forEach(disposeNodeParams);
    },
  };
}
