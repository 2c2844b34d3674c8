/**
 * Sum and Mean over the LEADING axes (e.g. [N, H, W, C] → [C], or [M, C] over axis 0) for wasm,
 * as one average pool: x viewed as [1, M, 1, R] and pooled by an M × 1 window (XNNPACK's
 * average pooling) gives the mean of every column; Sum multiplies it by M.
 *
 * tfjs-backend-wasm reduces only innermost axes, so for leading ones it first transposes the
 * whole tensor (kernel_utils permuteAxesAndTranspose), and its Transpose is slow on these shapes:
 * summing a [50176, 48] tensor (BatchNorm statistics of a 64×28×28×48 activation) over axis 0
 * took 51 ms against 1.2 ms pooled (2–40× on the shapes tried). Training reduces over leading
 * axes all the time: BatchNorm's statistics and its backward (batchnorm.ts) and every bias
 * gradient (tfjs' add gradient sums dy over the broadcast axes). A ones-vector matmul does not
 * help: XNNPACK packs the [M, R] operand of every new tensor, which costs the transpose again.
 *
 * Every other reduction (inner or mixed axes, full reductions, int dtypes, empty tensors) goes
 * to wasm's own kernel unchanged. Both are float32 accumulations in different orders (~1e-6 relative apart).
 */
import * as tf from '@tensorflow/tfjs';
import { composed, type ComposeBackend } from './compose';

export interface ReduceArgs {
  readonly inputs: { readonly x: tf.TensorInfo };
  readonly backend: ComposeBackend;
  readonly attrs: { readonly axis: number | number[]; readonly keepDims: boolean };
}

/** M (reduced) and R (kept) sizes when `axis` is exactly the first k axes of x (k ≥ 1), else null. */
export function leadingSplit(shape: readonly number[], axis: number | number[]): { m: number; r: number; k: number } | null {
  const axes = [...new Set(tf.util.parseAxisParam(axis, shape as number[]))].sort((a, b) => a - b);
  if (axes.length === 0 || axes.some((a, i) => a !== i)) return null;
  const k = axes.length;
  const m = shape.slice(0, k).reduce((a, b) => a * b, 1);
  const r = shape.slice(k).reduce((a, b) => a * b, 1);
  return { m, r, k };
}

/**
 * Rows per block of the two-stage reduction. XNNPACK's average pool accumulates the window in
 * float32 one row after another, so one m-row window has a rounding error that grows like m·ε
 * (BatchNorm over 16×28×28 = 12,544 values per channel: its statistics 2e-6 off, and the
 * nearly-cancelling Σdy of BN-bias gradients a percent off, where PyTorch's blocked sums are
 * ~1e-7; lib/train/train-parity.test.ts). Means of b-row blocks, then the mean of the m/b block
 * means, grow like (b + m/b)·ε: b is the divisor of m nearest √m from below (equal blocks keep
 * the mean exact), or m itself (one stage) when m is small or has no divisor ≥ 8 there.
 */
export function blockSize(m: number): number {
  if (m <= 256) return m;
  for (let b = Math.floor(Math.sqrt(m)); b >= 8; b--) if (m % b === 0) return b;
  return m;
}

/** A Sum or Mean kernelFunc for `backendName` that falls back to `native` outside its case. */
export function leadingReduce(kind: 'Sum' | 'Mean', backendName: string, native: tf.KernelFunc): (args: ReduceArgs) => tf.TensorInfo {
  return (args) => {
    const { x } = args.inputs;
    const split = x.dtype === 'float32' ? leadingSplit(x.shape, args.attrs.axis) : null;
    // r = 1 is a full reduction, which wasm does without a transpose: nothing to gain there.
    if (!split || split.m === 0 || split.r <= 1) return native(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
    const { m, r, k } = split;
    const kept = x.shape.slice(k);
    const outShape = args.attrs.keepDims ? [...x.shape.slice(0, k).map(() => 1), ...kept] : kept;
    return composed(backendName, args.backend, (c) => {
      const b = blockSize(m);
      const x4 = c.reshape(x, [1, m, 1, r]);
      // Two stages (means of b-row blocks, then their mean) when m splits evenly: see blockSize.
      const mean =
        b === m
          ? c.run('AvgPool', { x: x4 }, { filterSize: [m, 1], strides: [1, 1], pad: 'valid' }) // [1, 1, 1, R]
          : c.run(
              'AvgPool',
              { x: c.run('AvgPool', { x: x4 }, { filterSize: [b, 1], strides: [b, 1], pad: 'valid' }) },
              { filterSize: [m / b, 1], strides: [1, 1], pad: 'valid' },
            );
      const y = kind === 'Mean' ? mean : c.run('Multiply', { a: mean, b: c.run('Fill', {}, { shape: [], value: m, dtype: 'float32' }) });
      return c.reshape(y, outShape);
    });
  };
}
