/** Global pooling, flatten and linear layers. */
import * as tf from '@tensorflow/tfjs';

/** AdaptiveAvgPool2d((1,1)) / x.mean([2,3]) on NHWC. keepDims keeps [N,1,1,C]. */
export function globalAvgPool(x: tf.Tensor4D, keepDims: boolean): tf.Tensor {
  return tf.mean(x, [1, 2], keepDims);
}

/**
 * The same as one H x W average pool, for plain forwards on wasm (plan.ts fast path 'pool'):
 * tfjs-wasm's Mean over the two spatial axes first transposes them innermost, 10x slower than
 * XNNPACK's global average pooling at [1,7,7,1024] (CPU time). The same mean within float32
 * round-off (XNNPACK multiplies the sum by 1/(H·W); the parity tests run it).
 */
export function globalAvgPoolAsPool(x: tf.Tensor4D, keepDims: boolean): tf.Tensor {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const y = tf.avgPool(x, [h, w], [1, 1], 'valid');
    return keepDims ? y : tf.reshape(y, [n, c]);
  });
}

/**
 * torch.flatten(x, 1). PyTorch flattens NCHW in C, H, W order, so a general NHWC map is
 * transposed to NCHW first; for [N,1,1,C] (after global pooling) that is a no-op reshape.
 */
export function flatten(x: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const n = x.shape[0];
    if (x.rank === 2) return tf.clone(x) as tf.Tensor2D;
    if (x.rank === 4) {
      const [, h, w, c] = x.shape;
      if (h === 1 && w === 1) return tf.reshape(x, [n, c]);
      return tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [n, c * h * w]);
    }
    return tf.reshape(x, [n, -1]) as tf.Tensor2D;
  });
}

/** y = x W + b with W already transposed to [in, out]. */
export function linear(x: tf.Tensor, weight: tf.Tensor2D, bias: tf.Tensor1D | null): tf.Tensor2D {
  return tf.tidy(() => {
    const x2 = x.rank === 2 ? (x as tf.Tensor2D) : flatten(x);
    const y = tf.matMul(x2, weight) as tf.Tensor2D;
    return bias ? (tf.add(y, bias) as tf.Tensor2D) : y;
  });
}
