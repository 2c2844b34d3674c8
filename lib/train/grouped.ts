/**
 * Grouped convolution (1 < groups < inC, ResNeXt's aggregated transform) in a differentiable
 * form. tfjs has no `groups`; the inference runtime's strategies (lib/runtime/groupconv.ts) build
 * their filters once, outside any gradient tape. Training needs the filter to be the variable
 * itself, so two of those strategies are kept here with the variable in their layout
 * (layout.ts convTrainShape):
 *
 * - 'split': x and the [kh, kw, cgIn, outC] filter are split into G slices along channels, G
 *   conv2d's, one concat. Backward = G Conv2DBackpropInput/Filter (dense kernels).
 * - 'packed': one depthwise conv over the input packed as [N, H, W·cgIn, G] (groupconv.ts's
 *   packGroups, packedConvArgs). Backward = DepthwiseConv2dNativeBackpropInput/Filter.
 *
 * The default (variables.ts DEFAULT_TRAIN_GROUP_CONV) is the one that trains faster on wasm:
 * see scripts/bench-train-groupconv.ts and lib/train/README.md for the measurement.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvOp } from '../arch/ir';
import { explicitPad, packGroups, packedConvArgs } from '../runtime/groupconv';
import type { TrainGroupConv } from './layout';

export function groupedConvTrain(x: tf.Tensor4D, op: ConvOp, filter: tf.Tensor4D, strategy: TrainGroupConv): tf.Tensor4D {
  return tf.tidy(() => {
    const G = op.groups;
    if (strategy === 'packed') {
      const { strides, pad } = packedConvArgs(op);
      return tf.depthwiseConv2d(packGroups(x, G), filter, strides, pad);
    }
    const xs = tf.split(x, G, 3) as tf.Tensor4D[];
    const fs = tf.split(filter, G, 3) as tf.Tensor4D[];
    const pad = explicitPad(op.padding);
    const stride: [number, number] = [op.stride[0], op.stride[1]];
    return tf.concat(
      xs.map((xg, g) => tf.conv2d(xg, fs[g], stride, pad)),
      3,
    ) as tf.Tensor4D;
  });
}
