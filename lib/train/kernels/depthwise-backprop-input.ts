/**
 * DepthwiseConv2dNativeBackpropInput (the input gradient of a depthwise conv, channel multiplier
 * M) from the backend's forward DepthwiseConv2dNative.
 *
 * dx[n, y, x, c] = Σ_{i, j, m} dy[n, oy, ox, c·M + m] · W[i, j, c, m] over y + top = oy·sh + i,
 * x + left = ox·sw + j: the transposed depthwise conv. As a forward conv:
 *
 *   D  = dy stride-dilated and padded (transposed.ts);
 *   Wf = W flipped in both spatial axes, viewed as [kh, kw, C·M, 1];
 *   DepthwiseConv2dNative(D, Wf, stride 1, valid) → [N, H, W, C·M], summed over M → [N, H, W, C].
 *
 * The zeros cost sh·sw times the MACs of the exact transposed conv on strided layers (few: one
 * per stage), and nothing on the stride-1 ones.
 */
import type * as tf from '@tensorflow/tfjs';
import { composed, type ComposeBackend } from './compose';
import { checkDy, forwardGeometry, type GeometryAttrs } from './geometry';
import { transposedInput } from './transposed';

const NAME = 'DepthwiseConv2dNativeBackpropInput';

export interface DepthwiseBackpropInputArgs {
  readonly inputs: { readonly dy: tf.TensorInfo; readonly filter: tf.TensorInfo };
  readonly backend: ComposeBackend;
  readonly attrs: GeometryAttrs & { readonly inputShape: [number, number, number, number] };
}

export function depthwiseBackpropInput(backendName: string, { inputs, backend, attrs }: DepthwiseBackpropInputArgs): tf.TensorInfo {
  const { dy, filter } = inputs;
  const g = forwardGeometry(NAME, attrs.inputShape, filter.shape, attrs, true);
  checkDy(NAME, g, dy.shape);
  const [kh, kw, ch, m] = filter.shape;
  return composed(backendName, backend, (c) => {
    const { x: d, pad } = transposedInput(c, dy, g);
    const wf = c.reshape(c.run('Reverse', { x: filter }, { dims: [0, 1] }), [kh, kw, ch * m, 1]);
    const y = c.run(
      'DepthwiseConv2dNative',
      { x: d, filter: wf },
      {
        strides: [1, 1],
        dilations: [1, 1],
        pad,
      },
    ); // [N, H, W, C·M]
    if (m === 1) return y;
    return c.sum(c.reshape(y, [g.batch, g.inH, g.inW, ch, m]), [4]);
  });
}
