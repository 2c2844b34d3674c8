/**
 * nn.Dropout in train mode (PyTorch 1.13, https://pytorch.org/docs/1.13/generated/torch.nn.Dropout.html):
 * each element is zeroed with probability p (a Bernoulli(1 − p) keep mask) and the survivors are
 * scaled by 1/(1 − p), so the expectation is unchanged; p = 1 gives zeros, p = 0 the identity.
 * The mask is drawn by tfjs' seeded uniform generator (tf.randomUniform with a seed: the same
 * seed gives the same mask on every backend), from a seed per (run seed, step, node), so a run is
 * reproducible. PyTorch's own masks come from its generator and cannot be matched bit for bit:
 * parity runs turn dropout off (TrainConfig.dropout = false).
 */
import * as tf from '@tensorflow/tfjs';

export function dropoutTrain(x: tf.Tensor, p: number, seed: string): tf.Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (p === 0) return tf.clone(x);
  if (p === 1) return tf.zerosLike(x);
  return tf.tidy(() => {
    const keep = tf.cast(tf.less(tf.randomUniform(x.shape, 0, 1, 'float32', seed), 1 - p), 'float32');
    return tf.mul(x, tf.mul(keep, 1 / (1 - p)));
  });
}

/** The seed of one dropout layer's mask at one step. */
export function dropoutSeed(runSeed: number, step: number, node: number): string {
  return `${runSeed >>> 0}:${step}:${node}`;
}
