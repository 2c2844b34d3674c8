/**
 * DepthwiseConv2dNativeBackpropInput (the input gradient of a depthwise conv, channel multiplier
 * M) from the backend's forward DepthwiseConv2dNative.
 *
 * dx[n, y, x, c] = Σ_{i, j, m} dy[n, oy, ox, c·M + m] · W[i, j, c, m] over y + top = oy·sh + i,
 * x + left = ox·sw + j: the transposed depthwise conv. As a forward conv:
 *
 *   D  = dy with sh − 1 zero rows and sw − 1 zero columns after every value ("stride-dilated":
 *        two PadV2s of a reshaped view), padded by kh − 1 − top rows before (cropped if negative)
 *        and by whatever makes H + kh − 1 rows in all after (likewise for columns);
 *   Wf = W flipped in both spatial axes, viewed as [kh, kw, C·M, 1];
 *   DepthwiseConv2dNative(D, Wf, stride 1, valid) → [N, H, W, C·M], summed over M → [N, H, W, C].
 *
 * The zeros cost sh·sw times the MACs of the exact transposed conv on strided layers (few: one
 * per stage), and nothing on the stride-1 ones.
 */
import type * as tf from '@tensorflow/tfjs';
import { composed, type ComposeBackend, type KernelChain } from './compose';
import { checkDy, forwardGeometry, type GeometryAttrs } from './geometry';

const NAME = 'DepthwiseConv2dNativeBackpropInput';

export interface DepthwiseBackpropInputArgs {
  readonly inputs: { readonly dy: tf.TensorInfo; readonly filter: tf.TensorInfo };
  readonly backend: ComposeBackend;
  readonly attrs: GeometryAttrs & { readonly inputShape: [number, number, number, number] };
}

/** dy [N, Ho, Wo, K] with s − 1 zeros after every row / column value → [N, Ho·sh, Wo·sw, K]. */
export function strideDilate(c: KernelChain, dy: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
  const [n, ho, wo, k] = dy.shape;
  let d = dy;
  if (sw > 1) {
    const cols = c.pad(c.reshape(d, [n * ho, wo, 1, k]), [
      [0, 0],
      [0, 0],
      [0, sw - 1],
      [0, 0],
    ]);
    d = c.reshape(cols, [n, ho, wo * sw, k]);
  }
  if (sh > 1) {
    const wd = d.shape[2];
    const rows = c.pad(c.reshape(d, [n, ho, 1, wd * k]), [
      [0, 0],
      [0, 0],
      [0, sh - 1],
      [0, 0],
    ]);
    d = c.reshape(rows, [n, ho * sh, wd, k]);
  }
  return d;
}

export function depthwiseBackpropInput(backendName: string, { inputs, backend, attrs }: DepthwiseBackpropInputArgs): tf.TensorInfo {
  const { dy, filter } = inputs;
  const g = forwardGeometry(NAME, attrs.inputShape, filter.shape, attrs, true);
  checkDy(NAME, g, dy.shape);
  const [kh, kw, ch, m] = filter.shape;
  return composed(backendName, backend, (c) => {
    const d = strideDilate(c, dy, g.sh, g.sw); // [N, Ho·sh, Wo·sw, C·M]
    // Rows the flipped filter needs: H + kh − 1, starting kh − 1 − top rows before D's first.
    const before = [kh - 1 - g.padTop, kw - 1 - g.padLeft];
    const after = [g.inH + kh - 1 - before[0] - d.shape[1], g.inW + kw - 1 - before[1] - d.shape[2]];
    // Negative pads are crops (a pad wider than the kernel, or rows the forward never read).
    const cropTop = Math.max(0, -before[0]);
    const cropLeft = Math.max(0, -before[1]);
    const keptH = d.shape[1] - cropTop - Math.max(0, -after[0]);
    const keptW = d.shape[2] - cropLeft - Math.max(0, -after[1]);
    const dc = keptH === d.shape[1] && keptW === d.shape[2] ? d : c.slice(d, [0, cropTop, cropLeft, 0], [g.batch, keptH, keptW, ch * m]);
    const wf = c.reshape(c.run('Reverse', { x: filter }, { dims: [0, 1] }), [kh, kw, ch * m, 1]);
    const y = c.run(
      'DepthwiseConv2dNative',
      { x: dc, filter: wf },
      {
        strides: [1, 1],
        dilations: [1, 1],
        pad: [
          [0, 0],
          [Math.max(0, before[0]), Math.max(0, after[0])],
          [Math.max(0, before[1]), Math.max(0, after[1])],
          [0, 0],
        ],
      },
    ); // [N, H, W, C·M]
    if (m === 1) return y;
    return c.sum(c.reshape(y, [g.batch, g.inH, g.inW, ch, m]), [4]);
  });
}
