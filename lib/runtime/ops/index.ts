/**
 * One IR node -> one tfjs computation. Inputs are NHWC (rank 4) or [N, F] (rank 2); the result is
 * a NEW tensor the caller owns (identity-like ops clone, so refcounted disposal stays simple).
 */
import * as tf from '@tensorflow/tfjs';
import { activate } from './activation';
import type { Node } from '../../arch/ir';
import type { NodeParams } from '../params';
import { addAll, channelScale, channelShuffle, concatChannels, sliceChannels } from './channels';
import { conv } from './conv';
import { flatten, globalAvgPool, linear } from './dense';
import { avgPool, maxPool } from './pool';

function params<K extends NodeParams['kind']>(node: Node, p: NodeParams | undefined, kind: K): Extract<NodeParams, { kind: K }> {
  if (!p || p.kind !== kind) throw new Error(`node "${node.name}" has no ${kind} parameters loaded`);
  return p as Extract<NodeParams, { kind: K }>;
}

function rank4(node: Node, x: tf.Tensor): tf.Tensor4D {
  if (x.rank !== 4) throw new Error(`node "${node.name}" (${node.op.kind}) needs a [N,H,W,C] input, got rank ${x.rank}`);
  return x as tf.Tensor4D;
}

export function applyNode(node: Node, inputs: tf.Tensor[], p: NodeParams | undefined): tf.Tensor {
  const op = node.op;
  const x = inputs[0];
  switch (op.kind) {
    case 'conv':
      return conv(rank4(node, x), op, params(node, p, 'conv').conv);
    case 'bn': {
      const { scale, shift } = params(node, p, 'bn');
      // Broadcast over the last (channel) axis; works for [N,H,W,C] and [N,C].
      return tf.tidy(() => tf.add(tf.mul(x, scale), shift));
    }
    case 'act':
      return activate(x, op.fn);
    case 'maxpool':
      return maxPool(rank4(node, x), op);
    case 'avgpool':
      return avgPool(rank4(node, x), op);
    case 'gap':
      return globalAvgPool(rank4(node, x), op.keepDims);
    case 'flatten':
      return flatten(x);
    case 'linear': {
      const lp = params(node, p, 'linear');
      return linear(x, lp.weight, lp.bias);
    }
    case 'dropout':
      return tf.clone(x); // eval mode: identity
    case 'concat':
      return concatChannels(inputs);
    case 'add':
      return addAll(inputs);
    case 'mul':
      return channelScale(inputs[0], inputs[1]);
    case 'slice':
      return sliceChannels(x, op.start, op.size);
    case 'shuffle':
      return channelShuffle(rank4(node, x), op.groups);
  }
  throw new Error(`node "${node.name}": unsupported op ${(op as { kind: string }).kind}`);
}
