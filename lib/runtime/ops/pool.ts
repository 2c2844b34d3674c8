/**
 * Max / average pooling with PyTorch semantics (explicit symmetric padding, ceil_mode,
 * count_include_pad=True for averages), on NHWC tensors.
 */
import * as tf from '@tensorflow/tfjs';
import type { Op } from '../../arch/ir';

type PoolOp = Extract<Op, { kind: 'maxpool' | 'avgpool' }>;

/** PyTorch's pooling output size (incl. ceil_mode's "last window must start inside" rule). */
export function poolOutSize(size: number, k: number, s: number, p: number, ceil: boolean): number {
  const span = size + 2 * p - k;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= size + p) out -= 1;
  return out;
}

/** Extra bottom/right padding that ceil_mode needs so a 'valid' pool yields `out` windows. */
function extra(size: number, k: number, s: number, p: number, out: number): number {
  return Math.max(0, (out - 1) * s + k - (size + 2 * p));
}

export function maxPool(x: tf.Tensor4D, op: PoolOp): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const [kh, kw] = op.kernel;
    const [sh, sw] = op.stride;
    const [ph, pw] = op.padding;
    const eh = extra(h, kh, sh, ph, poolOutSize(h, kh, sh, ph, op.ceilMode));
    const ew = extra(w, kw, sw, pw, poolOutSize(w, kw, sw, pw, op.ceilMode));
    // Pad with -Infinity: a padded cell must never win the max (PyTorch ignores padding).
    const xp =
      ph || pw || eh || ew
        ? tf.pad(
            x,
            [
              [0, 0],
              [ph, ph + eh],
              [pw, pw + ew],
              [0, 0],
            ],
            -Infinity,
          )
        : x;
    return tf.maxPool(xp, [kh, kw], [sh, sw], 'valid');
  });
}

/**
 * The same max pool for plain forwards on wasm (plan.ts fast path 'pool'): tfjs-wasm's max pooling
 * (XNNPACK) reads a padded cell as the nearest border pixel, which lies in the same window, so
 * padding never wins the max and explicit pads give PyTorch's result bit for bit without the
 * -Infinity pad copy (about 4.6x faster at 112x112x24, CPU time; ceil_mode windows too, through
 * the extra bottom/right pad). The ops test checks it against the naive pool.
 */
export function maxPoolPadded(x: tf.Tensor4D, op: PoolOp): tf.Tensor4D {
  const [, h, w] = x.shape;
  const [kh, kw] = op.kernel;
  const [sh, sw] = op.stride;
  const [ph, pw] = op.padding;
  const eh = extra(h, kh, sh, ph, poolOutSize(h, kh, sh, ph, op.ceilMode));
  const ew = extra(w, kw, sw, pw, poolOutSize(w, kw, sw, pw, op.ceilMode));
  return tf.maxPool(
    x,
    [kh, kw],
    [sh, sw],
    [
      [0, 0],
      [ph, ph + eh],
      [pw, pw + ew],
      [0, 0],
    ],
  );
}

export function avgPool(x: tf.Tensor4D, op: PoolOp): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const [kh, kw] = op.kernel;
    const [sh, sw] = op.stride;
    const [ph, pw] = op.padding;
    const oh = poolOutSize(h, kh, sh, ph, op.ceilMode);
    const ow = poolOutSize(w, kw, sw, pw, op.ceilMode);
    const eh = extra(h, kh, sh, ph, oh);
    const ew = extra(w, kw, sw, pw, ow);
    // count_include_pad=True: zero padding counts in the divisor, so pad zeros and use 'valid'
    // (tfjs' own padded avgPool divides by the number of in-bounds pixels instead).
    const xp =
      ph || pw || eh || ew
        ? tf.pad(x, [
            [0, 0],
            [ph, ph + eh],
            [pw, pw + ew],
            [0, 0],
          ])
        : x;
    const y = tf.avgPool(xp, [kh, kw], [sh, sw], 'valid');
    if (!eh && !ew) return y;
    // ceil_mode windows that hang over the padded border are divided by their clipped area
    // (hend = min(hstart + k, H + pad)), not by k*k: rescale those rows/columns.
    const corr = new Float32Array(oh * ow);
    for (let i = 0; i < oh; i++) {
      const hs = i * sh - ph;
      const he = Math.min(hs + kh, h + ph);
      for (let j = 0; j < ow; j++) {
        const ws = j * sw - pw;
        const we = Math.min(ws + kw, w + pw);
        corr[i * ow + j] = (kh * kw) / ((he - hs) * (we - ws));
      }
    }
    return tf.mul(y, tf.tensor4d(corr, [1, oh, ow, 1]));
  });
}
