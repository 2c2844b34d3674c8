/**
 * The lab's input for digits models (lib/data/digits): a test digit instead of a photo.
 *
 * The session keeps every input as an RGBA image (so a backend fallback can rebuild the tensor),
 * so a digit is held as a grey 28×28 RGBA image whose R = G = B = k, the asset's byte. The model
 * input is then k / 255 in float32, exactly the dataset's value (lib/data/digits/images.ts), one
 * channel, white digit on black, no normalisation (the digits models' input convention,
 * lib/arch/registry.ts). At another input size (the lab's size knob, a profile) the digit is
 * resized bilinearly, like an image.
 */
import type * as TF from '@tensorflow/tfjs';
import type { LabelledImages } from '../train/types';
import type { RgbaImage } from '../runtime/imagenet';
import { DIGITS_SPLIT } from '../data/digits/split';
import { intP, type IntParam } from '../url-state/schema';

/**
 * The URL parameter of a digits model's input (the lab, its runner and feature-map embeds): a test
 * digit, by its index in the test split. A drawing on the digit pad replaces it while it lasts (a
 * drawing is not put in links).
 */
export function digitParam(doc = 'the test digit the model reads (index into the digits test split, 0–1999; digits models only)'): IntParam {
  return intP(0, DIGITS_SPLIT.testCount - 1, 0, doc);
}

/** Class names of the digits models' ten outputs. */
export const DIGIT_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const DIGIT_PIXELS = 28;

/** Test digit `index` of a [N, 1, 28, 28] set as a grey RGBA image (R = G = B = round(255 v)). */
export function digitImage(set: LabelledImages, index: number): RgbaImage {
  const [n, c, h, w] = set.shape;
  if (c !== 1) throw new Error(`digit images have 1 channel, this set has ${c}`);
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new RangeError(`there is no test digit ${index} (the split has ${n}: 0 to ${n - 1})`);
  return greyImage(set.images.subarray(index * h * w, (index + 1) * h * w), w, h);
}

/**
 * Grey values in [0, 1] (a drawn digit from the digit pad, lib/data/digits/centre.ts) as a grey
 * RGBA image, R = G = B = round(255 v): the dataset's own 8-bit levels, so a drawing and a test
 * digit reach the model the same way.
 */
export function greyImage(values: Float32Array, width: number, height: number): RgbaImage {
  const px = width * height;
  if (values.length !== px) throw new RangeError(`a ${width}×${height} digit has ${px} values, not ${values.length}`);
  const data = new Uint8ClampedArray(px * 4);
  for (let i = 0; i < px; i++) {
    const k = Math.round(values[i] * 255);
    data[4 * i] = k;
    data[4 * i + 1] = k;
    data[4 * i + 2] = k;
    data[4 * i + 3] = 255;
  }
  return { width, height, data };
}

/** k / 255 in float32, once (the same table as the dataset's decoder). */
const VALUES = Float32Array.from({ length: 256 }, (_, k) => k / 255);

/** The R channel of a grey RGBA image as k / 255, [h · w]. */
export function greyValues(image: RgbaImage): Float32Array {
  const out = new Float32Array(image.width * image.height);
  for (let i = 0; i < out.length; i++) out[i] = VALUES[image.data[4 * i]];
  return out;
}

/** [1, size, size, 1] for a digits model. The caller disposes it. */
export function digitTensor(tf: typeof TF, image: RgbaImage, size: number): TF.Tensor4D {
  return tf.tidy(() => {
    const x = tf.tensor4d(greyValues(image), [1, image.height, image.width, 1]);
    return image.width === size && image.height === size ? x : tf.image.resizeBilinear(x, [size, size], false, true);
  });
}

/** What a digits model saw, as RGBA (clipped to [0, 1]: a resized digit can overshoot). */
export async function digitPreview(tf: typeof TF, input: TF.Tensor4D): Promise<RgbaImage> {
  const [, h, w] = input.shape;
  const t = tf.tidy(() => tf.cast(tf.round(tf.mul(tf.clipByValue(input, 0, 1), 255)), 'int32'));
  let v: Int32Array;
  try {
    v = (await t.data()) as Int32Array;
  } finally {
    t.dispose();
  }
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    data[4 * i] = v[i];
    data[4 * i + 1] = v[i];
    data[4 * i + 2] = v[i];
    data[4 * i + 3] = 255;
  }
  return { width: w, height: h, data };
}
