/**
 * Conv2DBackpropInput (the input gradient of a dense conv) from the backend's forward Conv2D,
 * replacing tfjs-backend-wasm 4.22's own: that one is a plain six-deep C++ loop
 * (src/cc/kernels/Conv2DBackpropInput.cc), 5–40× slower than the XNNPACK forward conv of the same
 * layer (scripts/bench-train-kernels.ts prints both), which made it the slowest step of training.
 *
 * dx = the stride-dilated, padded dy (transposed.ts) correlated with the flipped filter whose
 * in/out channels are swapped: Wf[i, j, co, ci] = W[kh − 1 − i, kw − 1 − j, ci, co]; one Conv2D.
 * A 1×1 conv needs no flip and no correlation over zeros: dx = dy · Wᵀ (a 1×1 Conv2D), placed
 * back on the input grid. Same MACs as the forward, except k > 1 strided layers: sh·sw times
 * more there (the zeros of the dilated dy).
 */
import type * as tf from '@tensorflow/tfjs';
import { composed, type ComposeBackend } from './compose';
import { checkDy, forwardGeometry, type GeometryAttrs } from './geometry';
import { transposedInput } from './transposed';

const NAME = 'Conv2DBackpropInput';

export interface Conv2DBackpropInputArgs {
  readonly inputs: { readonly dy: tf.TensorInfo; readonly filter: tf.TensorInfo };
  readonly backend: ComposeBackend;
  readonly attrs: GeometryAttrs & { readonly inputShape: [number, number, number, number] };
}

export function conv2dBackpropInput(backendName: string, { inputs, backend, attrs }: Conv2DBackpropInputArgs): tf.TensorInfo {
  const { dy, filter } = inputs;
  const g = forwardGeometry(NAME, attrs.inputShape, filter.shape, attrs, false);
  checkDy(NAME, g, dy.shape);
  const conv = { strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC' };
  return composed(backendName, backend, (c) => {
    if (g.kh === 1 && g.kw === 1) {
      // 1×1: dy·Wᵀ at the output positions, then those placed back on the input grid (zeros
      // between them when strided, the padding cropped): exact MACs, the rest is data movement.
      const z = c.run('Conv2D', { x: dy, filter: c.transpose(filter, [0, 1, 3, 2]) }, { ...conv, pad: 'valid' }); // [N, Ho, Wo, Cin]
      const { x: placed, pad } = transposedInput(c, z, g);
      return c.pad(placed, pad);
    }
    const { x: d, pad } = transposedInput(c, dy, g);
    const wf = c.transpose(c.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]); // [kh, kw, Cout, Cin]
    return c.run('Conv2D', { x: d, filter: wf }, { ...conv, pad }); // [N, H, W, Cin]
  });
}
