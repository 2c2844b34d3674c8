/**
 * Conv2DBackpropFilter (the weight gradient of a dense conv) from the backend's forward Conv2D.
 *
 * dW[i, j, ci, co] = Σ_{n, y, x} xpad[n, y·sh + i, x·sw + j, ci] · dy[n, y, x, co]: a
 * correlation of the padded input with the output gradient. Written as a forward conv it is
 * one Conv2D with the batch axis as the channels (so Σ_n is the conv's channel sum):
 *
 *   input  X' = x transposed to [Cin, H, W, N]          (Cin is the conv's batch)
 *   filter F' = dy transposed to [Ho, Wo, N, Cout]       (dy's positions are the taps)
 *   Conv2D(X', F', stride 1, dilation (sh, sw), pad (top, left) as the forward, bottom/right
 *   as needed) → [Cin, ≥kh, ≥kw, Cout], cropped to [Cin, kh, kw, Cout] → [kh, kw, Cin, Cout].
 *
 * The stride becomes the dilation because consecutive output positions read input rows sh apart.
 * Same MACs as the forward conv (N·Ho·Wo·kh·kw·Cin·Cout). A 1×1 stride-1 conv (most layers of
 * the bottleneck, shuffle and inverted-residual blocks) is a plain matmul instead.
 */
import type * as tf from '@tensorflow/tfjs';
import { composed, type ComposeBackend } from './compose';
import { checkDy, forwardGeometry, padAfter, type GeometryAttrs } from './geometry';

const NAME = 'Conv2DBackpropFilter';

export interface Conv2DBackpropFilterArgs {
  readonly inputs: { readonly x: tf.TensorInfo; readonly dy: tf.TensorInfo };
  readonly backend: ComposeBackend;
  readonly attrs: GeometryAttrs & { readonly filterShape: [number, number, number, number] };
}

export function conv2dBackpropFilter(backendName: string, { inputs, backend, attrs }: Conv2DBackpropFilterArgs): tf.TensorInfo {
  const { x, dy } = inputs;
  const g = forwardGeometry(NAME, x.shape, attrs.filterShape, attrs, false);
  checkDy(NAME, g, dy.shape);
  const padBottom = padAfter(g.inH, g.padTop, g.outH, g.sh, g.kh);
  const padRight = padAfter(g.inW, g.padLeft, g.outW, g.sw, g.kw);
  return composed(backendName, backend, (c) => {
    if (g.kh === 1 && g.kw === 1 && g.sh === 1 && g.sw === 1 && g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW) {
      // 1×1, stride 1, unpadded: dW = xᵀ · dy over the N·H·W positions, one matmul. Untransposed
      // operands with batch 1 are what wasm's BatchMatMul runs on XNNPACK (transposed ones take
      // its slow loop: batch_mat_mul_impl.cc).
      const p = g.batch * g.inH * g.inW;
      const xt = c.transpose(c.reshape(x, [p, g.inC]), [1, 0]); // [Cin, P]
      const dw = c.run('BatchMatMul', { a: c.reshape(xt, [1, g.inC, p]), b: c.reshape(dy, [1, p, g.outC]) }, { transposeA: false, transposeB: false });
      return c.reshape(dw, [1, 1, g.inC, g.outC]);
    }
    const xt = c.transpose(x, [3, 1, 2, 0]); // [Cin, H, W, N]
    const f = c.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, N, Cout]
    const y = c.run(
      'Conv2D',
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
        dataFormat: 'NHWC',
      },
    ); // [Cin, ≥kh, ≥kw, Cout]
    const cropped = c.cropTo(y, [g.inC, g.kh, g.kw, g.outC]);
    return c.transpose(cropped, [1, 2, 0, 3]); // [kh, kw, Cin, Cout]
  });
}
