/**
 * Gradient saliency and SmoothGrad on an executor Model.
 *
 * - Vanilla gradient (Simonyan et al. 2014, "Deep Inside Convolutional Networks", §3.1): the map
 *   M^c(x) = max over colour channels of |∂y^c/∂x| at each pixel, y^c the class score (logit).
 * - SmoothGrad (Smilkov et al. 2017, "SmoothGrad: removing noise by adding noise", eq. 3):
 *   M̂^c(x) = (1/n) Σ_{i=1..n} M^c(x + N(0, σ²)), the same map averaged over n noisy copies of the
 *   input, with σ = noise · (max x − min x); the paper finds 10–20 % of the input range and n ≈ 50
 *   best (§4.1, Fig. 3), and sharp maps already from n ≈ 10–20. The noise is tfjs' seeded normal
 *   generator (seed + i for copy i), so the same request gives the same map on every backend.
 *
 * Each noisy copy is one forward + backward pass, followed by a yield to the page (so the page
 * paints and a Cancel click lands) and a cancellation check; every tensor of a pass is freed
 * before the next, and a cancel frees the running sum too.
 */
import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled, yieldToPage } from '../runtime/cancel';
import type { Model } from '../runtime/executor';
import { checkClass, classScore, differentiableForward, prepareGradients } from './forward';

export interface SaliencyMap {
  readonly classIndex: number;
  readonly height: number;
  readonly width: number;
  /** Row-major height × width (batch item 0), ≥ 0, not normalised. */
  readonly map: Float32Array;
  /** Noisy copies averaged (1 for the vanilla gradient). */
  readonly samples: number;
}

export interface SmoothGradRequest {
  readonly classIndex: number;
  /** n, the number of noisy copies (≥ 1). */
  readonly samples: number;
  /** σ as a fraction of the input's range (max − min); default 0.15. */
  readonly noise?: number;
  /** Seed of copy 0's noise; copy i uses seed + i. Default 0. */
  readonly seed?: number;
  readonly signal?: AbortSignal | null;
  /** After each copy: copies done, of `samples`. */
  readonly onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_SMOOTHGRAD_NOISE = 0.15;

/** max_c |∂y^c/∂x| for x (a new [N, H, W] tensor). */
function gradientMap(model: Model, x: tf.Tensor4D, classIndex: number): tf.Tensor3D {
  return tf.tidy(() => {
    const g = tf.grad((xx: tf.Tensor) => classScore(differentiableForward(model, xx as tf.Tensor4D).logits, classIndex))(x);
    return tf.max(tf.abs(g), 3) as tf.Tensor3D;
  });
}

async function read(map: tf.Tensor3D, classIndex: number, samples: number): Promise<SaliencyMap> {
  const [, h, w] = map.shape;
  const data = (await map.data()) as Float32Array;
  return { classIndex, height: h, width: w, map: data.slice(0, h * w), samples };
}

/** Refuses what would throw inside tf.grad (where tfjs would keep the tensors it saved). */
function check(model: Model, x: tf.Tensor4D, classIndex: number): void {
  if (x.shape[0] !== 1) throw new Error(`saliency explains one image at a time, got a batch of ${x.shape[0]}`);
  checkClass(model, classIndex);
}

/** The vanilla gradient map of class `classIndex`. Leaves no tensors behind. */
export async function saliency(model: Model, x: tf.Tensor4D, classIndex: number): Promise<SaliencyMap> {
  check(model, x, classIndex);
  prepareGradients();
  const m = gradientMap(model, x, classIndex);
  try {
    return await read(m, classIndex, 1);
  } finally {
    m.dispose();
  }
}

/** SmoothGrad of class `classIndex`, cancellable between copies. Leaves no tensors behind. */
export async function smoothGrad(model: Model, x: tf.Tensor4D, req: SmoothGradRequest): Promise<SaliencyMap> {
  check(model, x, req.classIndex);
  const n = Math.floor(req.samples);
  if (!(n >= 1)) throw new Error(`SmoothGrad needs at least one sample, got ${req.samples}`);
  const level = req.noise ?? DEFAULT_SMOOTHGRAD_NOISE;
  if (!(level >= 0) || !Number.isFinite(level)) throw new Error(`SmoothGrad's noise level must be a fraction ≥ 0, got ${req.noise}`);
  const seed = req.seed ?? 0;
  prepareGradients();
  const rangeT = tf.tidy(() => tf.sub(tf.max(x), tf.min(x)));
  let range: number;
  try {
    range = (await rangeT.data())[0];
  } finally {
    rangeT.dispose();
  }
  const sigma = level * range;
  let sum: tf.Tensor3D | null = null;
  try {
    for (let i = 0; i < n; i++) {
      throwIfCancelled(req.signal);
      const m = tf.tidy(() => {
        const noisy = sigma > 0 ? tf.add(x, tf.randomNormal(x.shape, 0, sigma, 'float32', seed + i)) : x;
        return gradientMap(model, noisy as tf.Tensor4D, req.classIndex);
      });
      const next: tf.Tensor3D = sum ? tf.add(sum, m) : m;
      if (sum) {
        sum.dispose();
        m.dispose();
      }
      sum = next;
      // Wait for the copy's kernels before reporting it done: on the GPU backends they run
      // asynchronously, and without a read all n copies would be queued at once (progress would
      // jump to the end and a Cancel could not stop work already queued). The read is H×W floats.
      await sum.data();
      req.onProgress?.(i + 1, n);
      await yieldToPage();
    }
    throwIfCancelled(req.signal);
    const mean = tf.div(sum as tf.Tensor3D, n) as tf.Tensor3D;
    try {
      return await read(mean, req.classIndex, n);
    } finally {
      mean.dispose();
    }
  } finally {
    (sum as tf.Tensor3D | null)?.dispose();
  }
}
