/**
 * Conv2d with PyTorch semantics on NHWC tensors. Padding is passed to tfjs as explicit symmetric
 * pads (never 'same': tfjs' 'same' puts the odd pixel at the bottom/right when stride is 2 and the
 * size is even, PyTorch pads both sides equally and drops the remainder).
 */
import * as tf from '@tensorflow/tfjs';
import type { Op } from '../../arch/ir';
import { explicitPad } from '../groupconv';
import type { ConvParams } from '../params';

type ConvOp = Extract<Op, { kind: 'conv' }>;

export function conv(x: tf.Tensor4D, op: ConvOp, p: ConvParams): tf.Tensor4D {
  return tf.tidy(() => {
    const stride: [number, number] = [op.stride[0], op.stride[1]];
    const pad = explicitPad(op.padding);
    let y: tf.Tensor4D;
    switch (p.kind) {
      case 'dense':
        y = tf.conv2d(x, p.filter, stride, pad);
        break;
      case 'depthwise':
        y = tf.depthwiseConv2d(x, p.filter, stride, pad);
        break;
      case 'grouped':
        y = p.prepared.run(x);
        break;
    }
    return p.bias ? tf.add(y, p.bias) : y;
  });
}
