/**
 * SplitV for wasm in one pass over the input, replacing tfjs-backend-wasm 4.22's own, which
 * runs one Slice per part and each Slice first copies the WHOLE input out of the heap
 * (Slice.js: backend.readSync), so splitting a tensor into G parts copies it G times. The
 * 'split' grouped conv (lib/train/grouped.ts) splits every ResNeXt activation into 32 groups
 * and its filter too: that was a third of a resnext_digits training step on wasm.
 *
 * Here every part is allocated first, then copied from heap views (as wasm's own Concat does):
 * for each index of the axes before `axis`, part i takes the next sizes[i]·inner values.
 * Strings go to wasm's own kernel.
 */
import * as tf from '@tensorflow/tfjs';

/** What this kernel uses of tfjs-backend-wasm's BackendWasm (structural: no static import). */
export interface ViewBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export interface SplitVArgs {
  readonly inputs: { readonly x: tf.TensorInfo };
  readonly backend: ViewBackend;
  readonly attrs: { readonly numOrSizeSplits: number | number[]; readonly axis: number };
}

export function splitV(native: tf.KernelFunc): (args: SplitVArgs) => tf.TensorInfo[] {
  return (args) => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return native(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo[];
    const axis = tf.util.parseAxisParam(args.attrs.axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, args.attrs.numOrSizeSplits, axis);
    const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const parts = sizes.map((s) =>
      args.backend.makeOutput(
        x.shape.map((d, i) => (i === axis ? s : d)),
        x.dtype,
      ),
    );
    // Views only after every allocation: a growing heap detaches earlier ones.
    const src = args.backend.typedArrayFromHeap(x);
    const dst = parts.map((p) => args.backend.typedArrayFromHeap(p));
    const blocks = sizes.map((s) => s * inner);
    const row = blocks.reduce((a, b) => a + b, 0);
    for (let o = 0; o < outer; o++) {
      let from = o * row;
      for (let i = 0; i < dst.length; i++) {
        const n = blocks[i];
        const d = dst[i];
        const to = o * n;
        if (n >= 32) d.set(src.subarray(from, from + n), to);
        else for (let j = 0; j < n; j++) d[to + j] = src[from + j];
        from += n;
      }
    }
    return parts;
  };
}
