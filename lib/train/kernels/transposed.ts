/**
 * The input gradient of a strided, padded correlation is a stride-1 correlation of the
 * "stride-dilated" output gradient with the spatially flipped filter (a transposed convolution):
 *
 *   dx[y] = Σ_i dy[oy] · W[i] over y + top = oy·s + i
 *         = Σ_i' D[y + i' − (kh − 1 − top)] · W[kh − 1 − i'],   D = dy with s − 1 zeros after each value.
 *
 * This builds D for a [N, Ho, Wo, K] dy and the pads (negative = crop) that give exactly H × W
 * outputs with a valid kh × kw correlation, shared by the dense and depthwise input gradients.
 */
import type * as tf from '@tensorflow/tfjs';
import type { KernelChain } from './compose';
import type { ForwardGeometry } from './geometry';

/** dy [N, Ho, Wo, K] with s − 1 zeros after every row / column value → [N, Ho·sh, Wo·sw, K]. */
function strideDilate(c: KernelChain, dy: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
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

export interface TransposedInput {
  /** The stride-dilated dy, cropped where a pad would be negative. */
  readonly x: tf.TensorInfo;
  /** Explicit (non-negative) pads for the valid kh × kw correlation that yields H × W. */
  readonly pad: [[number, number], [number, number], [number, number], [number, number]];
}

export function transposedInput(c: KernelChain, dy: tf.TensorInfo, g: ForwardGeometry): TransposedInput {
  const d = strideDilate(c, dy, g.sh, g.sw); // [N, Ho·sh, Wo·sw, K]
  // Rows the flipped filter needs: H + kh − 1, starting kh − 1 − top rows before D's first.
  const before = [g.kh - 1 - g.padTop, g.kw - 1 - g.padLeft];
  const after = [g.inH + g.kh - 1 - before[0] - d.shape[1], g.inW + g.kw - 1 - before[1] - d.shape[2]];
  // Negative pads are crops (a pad wider than the kernel, or rows the forward never read).
  const cropTop = Math.max(0, -before[0]);
  const cropLeft = Math.max(0, -before[1]);
  const keptH = d.shape[1] - cropTop - Math.max(0, -after[0]);
  const keptW = d.shape[2] - cropLeft - Math.max(0, -after[1]);
  const x = keptH === d.shape[1] && keptW === d.shape[2] ? d : c.slice(d, [0, cropTop, cropLeft, 0], [d.shape[0], keptH, keptW, d.shape[3]]);
  return {
    x,
    pad: [
      [0, 0],
      [Math.max(0, before[0]), Math.max(0, after[0])],
      [Math.max(0, before[1]), Math.max(0, after[1])],
      [0, 0],
    ],
  };
}
