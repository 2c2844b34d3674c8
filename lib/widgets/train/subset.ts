/**
 * The test images the training lab evaluates on while it trains, and the digit whose feature maps
 * it shows. Framework-free (plain typed arrays), so it is unit-tested in Node.
 *
 * Every K steps the lab evaluates a fixed, stratified subset of the test split (the first
 * `perClass` images of each digit in split order), so each point of the test curve is measured on
 * the same images and every class counts equally; when a model finishes, the whole test split
 * (2,000 images) is evaluated once more, and that is the accuracy the lab reports, downloads and
 * hands to the model lab.
 */
import type { LabelledImages } from '@/lib/train/types';

/** Indices of the first `perClass` images of each class, in class order (0s first). */
export function stratifiedIndices(labels: Int32Array, perClass: number, classes = 10): Int32Array {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c >= 0 && c < classes && byClass[c].length < perClass) byClass[c].push(i);
  }
  return Int32Array.from(byClass.flat());
}

/** The images at `indices`, as a LabelledImages of their own (copied). */
export function subsetOf(data: LabelledImages, indices: Int32Array): LabelledImages {
  const [, c, h, w] = data.shape;
  const per = c * h * w;
  const images = new Float32Array(indices.length * per);
  const labels = new Int32Array(indices.length);
  indices.forEach((src, i) => {
    images.set(data.images.subarray(src * per, (src + 1) * per), i * per);
    labels[i] = data.labels[src];
  });
  return { images, shape: [indices.length, c, h, w], labels };
}

/** One image (NCHW item `index`) as its own batch of one. */
export function imageAt(
  data: LabelledImages,
  index: number,
): { readonly images: Float32Array; readonly shape: readonly [1, number, number, number]; readonly label: number } {
  const [, c, h, w] = data.shape;
  const per = c * h * w;
  return { images: data.images.slice(index * per, (index + 1) * per), shape: [1, c, h, w], label: data.labels[index] };
}

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes per pixel. */
  readonly data: Uint8ClampedArray;
}

/** Channel 0 of image `index` as RGBA pixels: values in [0, 1] → grey levels (white digit on black, as MNIST). */
export function digitPixels(data: LabelledImages, index: number): GreyImage {
  const [, c, h, w] = data.shape;
  const base = index * c * h * w;
  const out = new Uint8ClampedArray(h * w * 4);
  for (let i = 0; i < h * w; i++) {
    const v = Math.round(Math.max(0, Math.min(1, data.images[base + i])) * 255);
    out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = v;
    out[4 * i + 3] = 255;
  }
  return { width: w, height: h, data: out };
}

export interface Mistake {
  /** Index into the evaluated set. */
  readonly index: number;
  readonly truth: number;
  readonly predicted: number;
}

/** The first `limit` misclassified images of an evaluation, in set order. */
export function mistakes(labels: Int32Array, predictions: Int32Array, limit: number): Mistake[] {
  const out: Mistake[] = [];
  for (let i = 0; i < labels.length && out.length < limit; i++)
    if (predictions[i] !== labels[i]) out.push({ index: i, truth: labels[i], predicted: predictions[i] });
  return out;
}
