/**
 * The train-mode forward: the same lib/arch graph the executor runs, node by node, dispatching on
 * node.op.kind (and convKind(op) for convolutions), with the trainable variables of a
 * TrainableModel instead of the executor's folded constants:
 *
 * - conv: dense and depthwise through the runtime's own op (lib/runtime/ops/conv.ts, fed the
 *   variables), grouped through grouped.ts; no conv+BN folding (BN uses batch statistics);
 * - bn: batch statistics (batchnorm.ts); the new running statistics are handed to `onBatchStats`
 *   so the step can assign them after the update;
 * - dropout: Bernoulli keep mask scaled by 1/(1 − p) (dropout.ts), or the identity when off;
 * - linear: the runtime's linear() on the variables;
 * - every other op (act, pooling, gap, flatten, concat, add, mul, slice, shuffle) is the
 *   inference runtime's applyNode: those ops are differentiable as they are.
 *
 * Node outputs are reference-counted and freed after their last consumer as in executor.ts (the
 * gradient tape keeps its own copies of what the backward pass needs).
 */
import * as tf from '@tensorflow/tfjs';
import { convKind } from '../arch/conv-kind';
import { INPUT, type Node } from '../arch/ir';
import { consumerCounts, releaseInputs } from '../runtime/executor';
import { applyNode } from '../runtime/ops';
import { conv } from '../runtime/ops/conv';
import { linear } from '../runtime/ops/dense';
import { type BatchStats, batchNormTrain } from './batchnorm';
import { dropoutSeed, dropoutTrain } from './dropout';
import { groupedConvTrain } from './grouped';
import type { TrainableModel } from './variables';

export interface TrainForwardOptions {
  /** False: dropout layers are the identity (TrainConfig.dropout). */
  readonly dropout: boolean;
  /** Seeds the dropout masks with the step index. */
  readonly seed: number;
  readonly step: number;
  /** Called once per BN node with its batch statistics (tensors owned by the surrounding scope). */
  readonly onBatchStats?: (node: Node, stats: BatchStats) => void;
}

function rank4(node: Node, x: tf.Tensor): tf.Tensor4D {
  if (x.rank !== 4) throw new Error(`node "${node.name}" (${node.op.kind}) needs a [N,H,W,C] input, got rank ${x.rank}`);
  return x as tf.Tensor4D;
}

function need<T>(v: T | undefined, node: Node): T {
  if (!v) throw new Error(`node "${node.name}" has no trainable variables`);
  return v;
}

/** One node in train mode. Returns a new tensor. */
function trainNode(model: TrainableModel, node: Node, index: number, ins: tf.Tensor[], options: TrainForwardOptions): tf.Tensor {
  const op = node.op;
  switch (op.kind) {
    case 'conv': {
      const v = need(model.conv.get(node.name), node);
      const x = rank4(node, ins[0]);
      const filter = v.filter as tf.Tensor as tf.Tensor4D;
      const bias = v.bias as tf.Tensor as tf.Tensor1D | null;
      const kind = convKind(op);
      if (kind === 'grouped')
        return tf.tidy(() => {
          const y = groupedConvTrain(x, op, filter, model.groupConv);
          return bias ? tf.add(y, bias) : y;
        });
      return conv(x, op, { kind, filter, bias });
    }
    case 'bn': {
      const v = need(model.bn.get(node.name), node);
      const { y, stats } = batchNormTrain(ins[0], v, op, node.name);
      options.onBatchStats?.(node, stats);
      return y;
    }
    case 'linear': {
      const v = need(model.linear.get(node.name), node);
      return linear(ins[0], v.weight as tf.Tensor as tf.Tensor2D, v.bias as tf.Tensor as tf.Tensor1D | null);
    }
    case 'dropout':
      return options.dropout ? dropoutTrain(ins[0], op.p, dropoutSeed(options.seed, options.step, index)) : tf.clone(ins[0]);
    default:
      return applyNode(node, ins, undefined);
  }
}

/**
 * Logits [N, classes] of an NHWC batch in train mode. Call inside a scope that owns the
 * intermediates (tf.variableGrads / tf.tidy): the batch statistics handed to onBatchStats live in
 * that scope unless the callback keeps what it derives from them.
 */
export function trainForward(model: TrainableModel, x: tf.Tensor4D, options: TrainForwardOptions): tf.Tensor {
  const graph = model.graph;
  if (x.rank !== 4 || x.shape[3] !== graph.input[0]) throw new Error(`input must be NHWC with ${graph.input[0]} channels, got [${x.shape.join(', ')}]`);
  const remaining = consumerCounts(graph);
  const values = new Map<string, tf.Tensor>();
  let output: tf.Tensor | null = null;
  graph.nodes.forEach((node, index) => {
    const ins = node.inputs.map((name) => (name === INPUT ? x : (values.get(name) as tf.Tensor)));
    const y = trainNode(model, node, index, ins, options);
    values.set(node.name, y);
    if (node.name === graph.output) output = y;
    releaseInputs(node, remaining, values, (t) => t === output);
  });
  for (const t of values.values()) if (t !== output) t.dispose();
  if (!output) throw new Error(`graph ${graph.id} never computed its output`);
  return output;
}
