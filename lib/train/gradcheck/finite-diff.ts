/**
 * Finite-difference gradient checks for tests: tfjs' analytic gradient of an op against central
 * differences of the same op's forward, on whatever backend is active.
 *
 * The scalar checked is L(x) = Σ_i w_i · f(x)_i with fixed pseudo-random weights w in [−1, 1]
 * (so every output element and every path carries a different weight, and a transposed or
 * shifted gradient cannot pass). tfjs computes f in float32; everything around it is float64:
 * L is summed in float64 from the read-back output, the step is the float32-representable one
 * actually taken (fround(x ± h) − x), and the quotient (L₊ − L₋) / (h₊ + h₋) is float64.
 *
 * Errors left: float32 rounding of f's output (≈ 6e-8 relative per value, plus the op's own
 * accumulation), amplified by 1 / 2h, and the O(h²) truncation of smooth non-linear ops.
 * See TOLERANCE below for the numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { hashU } from '../../runtime/weights/hash-init';

export interface GradInput {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface GradCheckOptions {
  /** Central-difference step (default 1e-2; inputs are O(1)). */
  readonly h?: number;
  /** At most this many elements of each input are perturbed (a fixed pseudo-random subset). */
  readonly maxElements?: number;
  /** Seed of the output weights w. */
  readonly seed?: number;
}

export interface GradCheckResult {
  readonly name: string;
  /** max |analytic − finite difference| / max |finite difference| over the checked elements. */
  readonly relErr: number;
  /** max |finite difference| (a zero gradient would make any relErr meaningless). */
  readonly scale: number;
  readonly checked: number;
}

/**
 * Relative tolerance for `relErr`. With h = 1e-2 and O(1) values over ≲ 1,000 outputs, the
 * float32 rounding of L is ≲ √n · 6e-8 · Σ|w·y| / n ≈ 1e-6..1e-5 absolute, i.e. ≲ 1e-4 of the
 * gradient once divided by 2h; smooth ops (sigmoid, BN, softmax) add h²·|f'''|/6 ≈ 1e-5. A wrong
 * tap, crop, pad, channel order or missing term is off by O(1) (at least 1/fan-in ≈ 1e-2 here).
 * 2e-3 sits an order of magnitude above the noise and well below any real error.
 */
export const TOLERANCE = 2e-3;

/** Deterministic values in [lo, hi). */
export function uniform(seed: number, size: number, lo = -1, hi = 1): Float32Array {
  return new Float32Array(size).map((_, i) => lo + (hi - lo) * (hashU(seed, i) + 0.5)); // hashU is in [−0.5, 0.5)
}

/**
 * Distinct values spaced `gap` apart (a pseudo-random permutation of a grid centred on 0): no
 * max-pool window has a tie, and no value moves past another under a ±h step while h < gap / 2.
 */
export function distinct(seed: number, size: number, gap = 0.05): Float32Array {
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => hashU(seed, a) - hashU(seed, b) || a - b);
  const out = new Float32Array(size);
  order.forEach((slot, i) => (out[slot] = (i - (size - 1) / 2) * gap));
  return out;
}

/** Values in [lo, hi) at least `margin` away from every point of `kinks` (ReLU: 0; ReLU6: 0, 6). */
export function awayFrom(seed: number, size: number, lo: number, hi: number, kinks: readonly number[], margin = 0.1): Float32Array {
  const out = uniform(seed, size, lo, hi);
  for (let i = 0; i < size; i++)
    for (const k of kinks) if (Math.abs(out[i] - k) < margin) out[i] = k + (out[i] < k ? -margin : margin) * (1.5 + hashU(seed + 1, i));
  return out;
}

function pick(seed: number, size: number, max: number): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (size <= max) return all;
  return all.sort((a, b) => hashU(seed, a) - hashU(seed, b) || a - b).slice(0, max);
}

/**
 * Checks d L / d input for every input of `f` (a pure function of its tensors; it may create
 * and dispose what it likes, all under tf.tidy). Leaves no tensors behind.
 */
export function gradCheck(f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: readonly GradInput[], options: GradCheckOptions = {}): GradCheckResult[] {
  const h = options.h ?? 1e-2;
  const maxElements = options.maxElements ?? 64;
  const seed = options.seed ?? 101;

  const forward = (datas: readonly Float32Array[]): Float32Array => {
    const y = tf.tidy(() => f(...inputs.map((inp, k) => tf.tensor(datas[k], [...inp.shape]))));
    const out = y.dataSync() as Float32Array;
    y.dispose();
    return out;
  };

  // The output weights, sized from one forward.
  const y0 = tf.tidy(() => f(...inputs.map((inp) => tf.tensor(inp.data, [...inp.shape]))));
  const outShape = y0.shape;
  y0.dispose();
  const w = uniform(
    seed,
    outShape.reduce((a, b) => a * b, 1),
  );

  const analytic = tf.tidy(() => {
    const wt = tf.tensor(w, outShape);
    const xs = inputs.map((inp) => tf.tensor(inp.data, [...inp.shape]));
    const grads = tf.grads((...args: tf.Tensor[]) => tf.sum(tf.mul(f(...args), wt)))(xs);
    return grads.map((g) => g.dataSync() as Float32Array);
  });

  const loss = (y: Float32Array): number => {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += w[i] * y[i];
    return s;
  };

  return inputs.map((inp, k) => {
    const datas = inputs.map((i) => i.data.slice());
    let err = 0;
    let scale = 0;
    const idx = pick(seed + 7 * (k + 1), inp.data.length, maxElements);
    for (const i of idx) {
      const x = inp.data[i];
      const xp = Math.fround(x + h);
      const xm = Math.fround(x - h);
      datas[k][i] = xp;
      const lp = loss(forward(datas));
      datas[k][i] = xm;
      const lm = loss(forward(datas));
      datas[k][i] = x;
      const fd = (lp - lm) / (xp - xm);
      err = Math.max(err, Math.abs(analytic[k][i] - fd));
      scale = Math.max(scale, Math.abs(fd));
    }
    return { name: inp.name, relErr: scale > 0 ? err / scale : err, scale, checked: idx.length };
  });
}
