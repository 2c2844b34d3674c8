/**
 * MaxPoolGrad for wasm, replacing tfjs-backend-wasm 4.22's own, which is wrong.
 *
 * Its MaxPoolGrad.cc starts each window's running max at `std::numeric_limits<float>::min()`
 * (the smallest POSITIVE float, 1.2e-38, not the lowest) and keeps the LAST maximum (`>=`). So a
 * window whose values are all ≤ 0 sends its gradient to offset 0 instead of its maximum (it is
 * lost), and ties go to the last position where PyTorch and tfjs' cpu kernel take the first.
 * Seen here: for the 2×2 window [−1, −2, −3, −0.5] wasm returns dx = [1, 0, 0, 0], cpu
 * [0, 0, 0, 1] (lib/train/gradcheck/ops.test.ts fails on wasm without this kernel).
 *
 * This is PyTorch's rule (aten/src/ATen/native/cpu/MaxPoolKernel.cpp: maxval = −inf, index =
 * the window's first in-bounds tap, update when `val > maxval || isnan(val)`), as a loop over the
 * NHWC buffers, the way tfjs-backend-wasm's own Slice kernel works on the heap from JavaScript.
 * O(N·Ho·Wo·kh·kw·C) compares, no allocation beyond dx.
 */
import * as tf from '@tensorflow/tfjs';

/** What this kernel uses of tfjs-backend-wasm's BackendWasm (structural: no static import). */
export interface HeapBackend {
  readSync(dataId: object): tf.backend_util.BackendValues;
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: tf.backend_util.BackendValues): tf.TensorInfo;
}

export interface MaxPoolGradArgs {
  readonly inputs: { readonly dy: tf.TensorInfo; readonly input: tf.TensorInfo; readonly output?: tf.TensorInfo };
  readonly backend: HeapBackend;
  readonly attrs: {
    readonly filterSize: [number, number] | number;
    readonly strides: [number, number] | number;
    readonly pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
}

export function maxPoolGrad({ inputs, backend, attrs }: MaxPoolGradArgs): tf.TensorInfo {
  const { dy, input } = inputs;
  if (input.dtype !== 'float32') throw new Error(`MaxPoolGrad (training kernel for wasm): unsupported dtype ${input.dtype}; supported: float32`);
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;
  const want = [n, oh, ow, c];
  if (dy.shape.length !== 4 || dy.shape.some((v, i) => v !== want[i]))
    throw new Error(`MaxPoolGrad: dy has shape [${dy.shape}], the pool's output is [${want}]`);
  const x = backend.readSync(input.dataId) as Float32Array;
  const g = backend.readSync(dy.dataId) as Float32Array;
  const dx = new Float32Array(n * h * w * c);
  const best = new Float32Array(c);
  const at = new Int32Array(c);
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++) {
      const y0 = Math.max(0, oy * sh - top);
      const y1 = Math.min(h, oy * sh - top + kh);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = Math.max(0, ox * sw - left);
        const x1 = Math.min(w, ox * sw - left + kw);
        best.fill(-Infinity);
        at.fill(((b * h + y0) * w + x0) * c);
        for (let y = y0; y < y1; y++)
          for (let xx = x0; xx < x1; xx++) {
            const base = ((b * h + y) * w + xx) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch];
              if (v > best[ch] || Number.isNaN(v)) {
                best[ch] = v;
                at[ch] = base;
              }
            }
          }
        const gBase = ((b * oh + oy) * ow + ox) * c;
        if (y0 < y1 && x0 < x1) for (let ch = 0; ch < c; ch++) dx[at[ch] + ch] += g[gBase + ch];
      }
    }
  return backend.makeOutput([n, h, w, c], 'float32', undefined, dx);
}
