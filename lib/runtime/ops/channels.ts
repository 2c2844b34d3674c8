/** Channel bookkeeping ops on NHWC (or [N, F]) tensors: channels are always the last axis. */
import * as tf from '@tensorflow/tfjs';

export function concatChannels(xs: tf.Tensor[]): tf.Tensor {
  if (xs.length === 1) return tf.clone(xs[0]);
  return tf.concat(xs, xs[0].rank - 1);
}

/** Channels [start, start + size): one half of PyTorch's x.chunk(2, dim=1). */
export function sliceChannels(x: tf.Tensor, start: number, size: number): tf.Tensor {
  const begin = x.shape.map((_, i) => (i === x.rank - 1 ? start : 0));
  const sz = x.shape.map((d, i) => (i === x.rank - 1 ? size : d));
  return tf.slice(x, begin, sz);
}

/**
 * ShuffleNet's channel shuffle. PyTorch on NCHW: view(N, g, C/g, H, W).transpose(1, 2).view(N, C, H, W),
 * so new channel j*g + i holds old channel i*(C/g) + j. On NHWC the same permutation is
 * reshape [N,H,W,g,C/g] -> transpose the last two axes -> reshape [N,H,W,C].
 */
export function channelShuffle(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    if (c % groups !== 0) throw new Error(`channel shuffle: ${c} channels not divisible by ${groups} groups`);
    const t = tf.transpose(tf.reshape(x, [n, h, w, groups, c / groups]), [0, 1, 2, 4, 3]);
    return tf.reshape(t, [n, h, w, c]);
  });
}

/** Element-wise sum of any number of same-shaped tensors (residual connections). */
export function addAll(xs: tf.Tensor[]): tf.Tensor {
  if (xs.length === 1) return tf.clone(xs[0]);
  if (xs.length === 2) return tf.add(xs[0], xs[1]);
  return tf.addN(xs);
}

/** Squeeze-and-excitation scale: x [N,H,W,C] times s ([N,1,1,C] or [N,C]). */
export function channelScale(x: tf.Tensor, s: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const ss = s.rank === 2 && x.rank === 4 ? tf.reshape(s, [s.shape[0], 1, 1, s.shape[1] as number]) : s;
    return tf.mul(x, ss);
  });
}
