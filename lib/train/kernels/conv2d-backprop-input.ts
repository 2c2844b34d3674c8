/**
 * Conv2DBackpropInput (the input gradient of a dense conv) from the backend's forward Conv2D.
 *
 * tfjs-backend-wasm has this kernel, but as plain loops outside XNNPACK: on the digits models'
 * layers it is 4–9× slower than a forward conv of the same size through XNNPACK (scripts/
 * bench-train-step.ts; e.g. 32×28×28×64 → 64, 3×3: 1.2 s against 0.14 s composed here), and it
 * was over half of a training step's kernel time. So wasm's is replaced by the transposed conv
 * written as a forward one, exactly as depthwise-backprop-input.ts does for depthwise convs:
 *
 *   dx[n, y, x, ci] = Σ_{i, j, co} dy[n, oy, ox, co] · W[i, j, ci, co]  over y + top = oy·sh + i
 *
 *   D  = dy stride-dilated (sh − 1 zero rows, sw − 1 zero columns after every value), padded by
 *        kh − 1 − top before (cropped if negative) and to H + kh − 1 rows in all (same for columns);
 *   Wf = W flipped in both spatial axes with in/out swapped: [kh, kw, Cout, Cin];
 *   Conv2D(D, Wf, stride 1) → [N, H, W, Cin].
 */
import type * as tf from '@tensorflow/tfjs';
import { composed, type ComposeBackend } from './compose';
import { strideDilate } from './depthwise-backprop-input';
import { checkDy, forwardGeometry, type GeometryAttrs } from './geometry';

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
  const [kh, kw, , cout] = filter.shape;
  return composed(backendName, backend, (c) => {
    const d = strideDilate(c, dy, g.sh, g.sw); // [N, Ho·sh, Wo·sw, Cout]
    const before = [kh - 1 - g.padTop, kw - 1 - g.padLeft];
    const after = [g.inH + kh - 1 - before[0] - d.shape[1], g.inW + kw - 1 - before[1] - d.shape[2]];
    const cropTop = Math.max(0, -before[0]);
    const cropLeft = Math.max(0, -before[1]);
    const keptH = d.shape[1] - cropTop - Math.max(0, -after[0]);
    const keptW = d.shape[2] - cropLeft - Math.max(0, -after[1]);
    const dc = keptH === d.shape[1] && keptW === d.shape[2] ? d : c.slice(d, [0, cropTop, cropLeft, 0], [g.batch, keptH, keptW, cout]);
    const wf = c.transpose(c.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]); // [kh, kw, Cout, Cin]
    return c.run(
      'Conv2D',
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
        dataFormat: 'NHWC',
      },
    ); // [N, H, W, Cin]
  });
}
