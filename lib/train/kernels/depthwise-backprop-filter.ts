/**
 * DepthwiseConv2dNativeBackpropFilter (the weight gradient of a depthwise conv, channel
 * multiplier M) from the backend's forward DepthwiseConv2dNative.
 *
 * dW[i, j, c, m] = Σ_{n, y, x} xpad[n, y·sh + i, x·sw + j, c] · dy[n, y, x, c·M + m]. Each (n, c)
 * pair is its own correlation, so it is ONE depthwise conv over N·C channels, summed over N:
 *
 *   input  X' = x as [1, H, W, N·C]                       (channel n·C + c)
 *   filter F' = dy as [Ho, Wo, N·C, M]                    (dy's positions are the taps)
 *   DepthwiseConv2dNative(X', F', stride 1, dilation (sh, sw), pad as the forward)
 *     → [1, ≥kh, ≥kw, N·C·M] (channel (n·C + c)·M + m), cropped to kh × kw,
 *   viewed as [kh, kw, N, C·M], summed over N → [kh, kw, C, M].
 *
 * Same MACs as the forward depthwise conv.
 */
import type * as tf from '@tensorflow/tfjs';
import { composed, type ComposeBackend } from './compose';
import { checkDy, forwardGeometry, padAfter, type GeometryAttrs } from './geometry';

const NAME = 'DepthwiseConv2dNativeBackpropFilter';

export interface DepthwiseBackpropFilterArgs {
  readonly inputs: { readonly x: tf.TensorInfo; readonly dy: tf.TensorInfo };
  readonly backend: ComposeBackend;
  readonly attrs: GeometryAttrs & { readonly filterShape: [number, number, number, number] };
}

export function depthwiseBackpropFilter(backendName: string, { inputs, backend, attrs }: DepthwiseBackpropFilterArgs): tf.TensorInfo {
  const { x, dy } = inputs;
  const g = forwardGeometry(NAME, x.shape, attrs.filterShape, attrs, true);
  checkDy(NAME, g, dy.shape);
  const { batch: n, inC: ch } = g;
  const m = attrs.filterShape[3];
  const padBottom = padAfter(g.inH, g.padTop, g.outH, g.sh, g.kh);
  const padRight = padAfter(g.inW, g.padLeft, g.outW, g.sw, g.kw);
  return composed(backendName, backend, (c) => {
    const xt = c.reshape(c.transpose(x, [1, 2, 0, 3]), [1, g.inH, g.inW, n * ch]);
    const dyt = c.transpose(c.reshape(dy, [n, g.outH, g.outW, ch, m]), [1, 2, 0, 3, 4]); // [Ho, Wo, N, C, M]
    const f = c.reshape(dyt, [g.outH, g.outW, n * ch, m]);
    const y = c.run(
      'DepthwiseConv2dNative',
      { x: xt, filter: f },
      {
        strides: [1, 1],
        dilations: [g.sh, g.sw],
        pad: [
          [0, 0],
          [g.padTop, padBottom],
          [g.padLeft, padRight],
          [0, 0],
        ],
      },
    ); // [1, ≥kh, ≥kw, N·C·M]
    const cropped = c.cropTo(y, [1, g.kh, g.kw, n * ch * m]);
    const byBatch = c.reshape(cropped, [g.kh, g.kw, n, ch * m]);
    const summed = n === 1 ? byBatch : c.sum(byBatch, [2]); // [kh, kw, C·M]
    return c.reshape(summed, [g.kh, g.kw, ch, m]);
  });
}
