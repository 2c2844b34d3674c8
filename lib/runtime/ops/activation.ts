/** PyTorch's activations as tfjs ops: the one switch over lib/arch's Activation. */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../arch/ir';

export function activate<T extends tf.Tensor>(x: T, fn: Activation): T {
  switch (fn) {
    case 'relu':
      return tf.relu(x);
    case 'relu6':
      return tf.relu6(x);
    case 'sigmoid':
      return tf.sigmoid(x);
  }
}
