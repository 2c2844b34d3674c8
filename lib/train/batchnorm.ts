/**
 * BatchNorm2d in train mode, as PyTorch 1.13 computes it
 * (https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html):
 *
 *   y = (x − E[x]) / sqrt(Var[x] + eps) · γ + β
 *
 * with the statistics of the batch, per channel, over N·H·W values, and Var the BIASED estimator
 * ("equivalent to torch.var(input, unbiased=False)"). The running estimates are updated with the
 * UNBIASED batch variance, Var·n/(n − 1) (aten/src/ATen/native/Normalization.cpp,
 * batch_norm_cpu_update_stats_template: `running_var = momentum * var_sum / (n - 1) + (1 - momentum) * running_var`):
 *
 *   running_mean = (1 − momentum)·running_mean + momentum·E[x]
 *   running_var  = (1 − momentum)·running_var  + momentum·Var[x]·n/(n − 1)
 *
 * momentum is the node's own (op.momentum: 0.1, MNASNet's 1 − 0.9997). The gradient flows
 * through the batch statistics (tf.moments is differentiable), as in PyTorch.
 */
import * as tf from '@tensorflow/tfjs';
import type { Op } from '../arch/ir';
import type { BnVars } from './variables';

type BnOp = Extract<Op, { kind: 'bn' }>;

export interface BatchStats {
  /** Per-channel batch mean, [C]. */
  readonly mean: tf.Tensor1D;
  /** Per-channel biased batch variance, [C]. */
  readonly variance: tf.Tensor1D;
  /** Values per channel, n = N·H·W. */
  readonly count: number;
}

/** Train-mode BN on NHWC (or [N, C]): statistics over every axis but the last (channels). */
export function batchNormTrain(x: tf.Tensor, vars: Pick<BnVars, 'weight' | 'bias'>, op: BnOp, name: string): { y: tf.Tensor; stats: BatchStats } {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  const count = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  // PyTorch refuses too: "Expected more than 1 value per channel when training".
  if (count < 2) throw new Error(`BatchNorm "${name}" in train mode needs more than 1 value per channel, got input shape [${x.shape.join(', ')}]`);
  const { mean, variance } = tf.moments(x, axes);
  // (x − mean)·(γ / sqrt(var + eps)) + β, composed from differentiable ops: tfjs' FusedBatchNorm
  // gradient reshapes to rank 4 and would break on [N, C].
  const scale = tf.mul(tf.rsqrt(tf.add(variance, op.eps)), vars.weight);
  const y = tf.add(tf.mul(tf.sub(x, mean), scale), vars.bias);
  return { y, stats: { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D, count } };
}

/** The new running statistics (new tensors; the caller assigns them and disposes them). */
export function runningUpdate(
  vars: Pick<BnVars, 'runningMean' | 'runningVar'>,
  stats: BatchStats,
  momentum: number,
): { runningMean: tf.Tensor1D; runningVar: tf.Tensor1D } {
  return tf.tidy(() => {
    const keep = 1 - momentum;
    const unbiased = tf.mul(stats.variance, stats.count / (stats.count - 1));
    return {
      runningMean: tf.add(tf.mul(vars.runningMean, keep), tf.mul(stats.mean, momentum)) as tf.Tensor1D,
      runningVar: tf.add(tf.mul(vars.runningVar, keep), tf.mul(unbiased, momentum)) as tf.Tensor1D,
    };
  });
}
