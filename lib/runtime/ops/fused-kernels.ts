/**
 * tfjs' fused conv kernels (FusedConv2D, FusedDepthwiseConv2D) called straight through the engine,
 * with the inputs and attributes tf.fused.conv2d / tf.fused.depthwiseConv2d would pass them.
 *
 * Why: the op wrappers re-check shapes and wrap every call in a custom-gradient closure; on wasm
 * that costs about 10 µs per call against 3 µs for the kernel call itself (a tiny 1x1 conv, CPU
 * time in Node), and ShuffleNet v2 runs 56 convs per forward, DenseNet-121 120. The shapes are
 * checked once, when the plan is built. Same kernel, same inputs: bit-identical output. Forward
 * only (no gradient is recorded): the executor's fused steps use it; applyNode keeps the ops.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../arch/ir';

export type Pad = 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

export interface FusedConvArgs {
  readonly x: tf.Tensor4D;
  readonly filter: tf.Tensor4D;
  readonly bias: tf.Tensor1D;
  readonly strides: readonly [number, number];
  readonly pad: Pad;
  readonly activation: Activation | 'linear';
}

function run(kernel: 'FusedConv2D' | 'FusedDepthwiseConv2D', a: FusedConvArgs): tf.Tensor4D {
  const attrs = { strides: [...a.strides], pad: a.pad, dataFormat: 'NHWC', dilations: [1, 1], activation: a.activation };
  return tf.engine().runKernel(kernel, { x: a.x, filter: a.filter, bias: a.bias }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/** tf.fused.conv2d({x, filter, strides, pad, bias, activation}), NHWC, dilation 1. */
export function fusedConv2d(a: FusedConvArgs): tf.Tensor4D {
  return run('FusedConv2D', a);
}

/** tf.fused.depthwiseConv2d({x, filter, strides, pad, bias, activation}), NHWC, dilation 1. */
export function fusedDepthwiseConv2d(a: FusedConvArgs): tf.Tensor4D {
  return run('FusedDepthwiseConv2D', a);
}
