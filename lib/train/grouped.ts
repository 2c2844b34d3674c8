/**
 * Grouped convolution (1 < groups < inC, ResNeXt's aggregated transform) in a differentiable
 * form. tfjs has no `groups`; the inference runtime's strategies (lib/runtime/groupconv.ts) build
 * their filters once, outside any gradient tape. Training needs the filter to be the variable
 * itself, so three of those strategies are kept here with the variable in their layout
 * (layout.ts convTrainShape):
 *
 * - 'split' (the default): x and the [kh, kw, cgIn, outC] filter are split into G slices along
 *   channels, G conv2d's, one concat. Backward = G dense Conv2DBackpropInput/Filter, exact MACs.
 * - 'packed': one depthwise conv over the input packed as [N, H, W·cgIn, G] (groupconv.ts's
 *   packGroups, packedConvArgs). Backward = DepthwiseConv2dNativeBackpropInput/Filter.
 * - 'blockdiag': split's filter times a block-diagonal mask, reshaped to a dense
 *   [kh, kw, inC, outC] filter, one conv2d (G× the MACs, one kernel each way).
 *
 * Why 'split' (variables.ts DEFAULT_TRAIN_GROUP_CONV; scripts/bench-train-groupconv.ts measures
 * all three in one run): on wasm, resnext_digits at batch 32, a whole step took 538 ms with
 * split, 3.4× that with packed and 2.4× with blockdiag (the grouped layers alone: 8.1× and 5.5×).
 * The packed form's width stride sw·cgIn turns its input gradient into a correlation over a
 * stride-dilated dy that is mostly zeros; blockdiag pays G× the MACs; split has exact MACs and
 * only the channel split and concat around them. On GPUs (native gradient kernels) re-measure
 * with the same script.
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
    if (strategy === 'blockdiag') {
      const [kh, kw, cgIn, outC] = filter.shape;
      const cgOut = outC / G;
      const mask = tf.reshape(tf.eye(G), [1, 1, G, 1, G, 1]);
      const full = tf.reshape(tf.mul(tf.reshape(filter, [kh, kw, 1, cgIn, G, cgOut]), mask), [kh, kw, G * cgIn, outC]) as tf.Tensor4D;
      return tf.conv2d(x, full, [op.stride[0], op.stride[1]], explicitPad(op.padding));
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
