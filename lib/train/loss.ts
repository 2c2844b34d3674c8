/**
 * nn.CrossEntropyLoss with reduction='mean' (PyTorch 1.13): loss = mean_i(−log softmax(z_i)[y_i]).
 * log-softmax is tfjs' numerically stable one (z − max − log Σ exp(z − max), with its own
 * gradient softmax − onehot), so large logits never overflow.
 */
import * as tf from '@tensorflow/tfjs';

/** Mean cross-entropy of logits [N, K] against integer labels [N]. */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const k = logits.shape[1] as number;
    const logp = tf.logSoftmax(logits as tf.Tensor2D, 1);
    const picked = tf.sum(tf.mul(logp, tf.oneHot(labels, k)), 1);
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

/** How many rows' argmax equals the label (a float32 scalar). */
export function correctCount(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar);
}
