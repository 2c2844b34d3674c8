/**
 * ImageNet evaluation preprocessing, torchvision style:
 *   Resize(256) (shorter side -> 256, longer = int(256 * long / short)), CenterCrop(224),
 *   ToTensor (/255), Normalize(mean, std)  ->  NHWC float32 batch of 1.
 * plus softmax top-k with the ImageNet-1k class names (index order as torchvision).
 *
 * Resizing: bilinear with half-pixel centres (PyTorch's align_corners=False). PIL's bilinear
 * (what torchvision applies to PIL images) is antialiased when shrinking; to approximate that for
 * large photos, an integer-factor box average (exact area averaging) runs first whenever the
 * image is shrunk by 2x or more, then bilinear covers the remaining < 2x factor.
 */
import * as tf from '@tensorflow/tfjs';
import classes from './imagenet-classes.json';

export const IMAGENET_CLASSES: readonly string[] = classes as string[];
export const IMAGENET_MEAN: readonly [number, number, number] = [0.485, 0.456, 0.406];
export const IMAGENET_STD: readonly [number, number, number] = [0.229, 0.224, 0.225];

/** RGBA pixels (ImageData, or decoded image bytes), row-major. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** Anything tf.browser.fromPixels accepts (browser only). */
export type BrowserImage = Parameters<typeof tf.browser.fromPixels>[0];

export interface PreprocessOptions {
  /** Shorter side after resizing (default 256). */
  readonly resize?: number;
  /** Centre crop size (default 224). */
  readonly crop?: number;
}

/** torchvision Resize(size) output [height, width] for an int size: shorter side -> size. */
export function resizedSize(height: number, width: number, size = 256): [number, number] {
  if (width <= height) return [Math.trunc((size * height) / width), size];
  return [size, Math.trunc((size * width) / height)];
}

/** Python's round(): half to even (torchvision's CenterCrop uses int(round((h - crop) / 2.0))). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** CenterCrop offsets [top, left]. */
export function centerCropOffsets(height: number, width: number, crop = 224): [number, number] {
  return [roundHalfEven((height - crop) / 2), roundHalfEven((width - crop) / 2)];
}

function isRgba(x: unknown): x is RgbaImage {
  return typeof x === 'object' && x !== null && 'data' in x && 'width' in x && 'height' in x && !(x instanceof tf.Tensor);
}

/** HWC float 0..255 from any supported source. */
function toHwc(img: RgbaImage | tf.Tensor3D | BrowserImage): tf.Tensor3D {
  return tf.tidy(() => {
    if (img instanceof tf.Tensor) return tf.cast(img, 'float32') as tf.Tensor3D;
    if (isRgba(img)) {
      const { width, height, data } = img;
      if (data.length !== width * height * 4) throw new Error(`RGBA image ${width}x${height} needs ${width * height * 4} bytes, got ${data.length}`);
      const rgba = tf.tensor3d(Uint8Array.from(data), [height, width, 4], 'int32');
      return tf.cast(tf.slice(rgba, [0, 0, 0], [height, width, 3]), 'float32') as tf.Tensor3D;
    }
    return tf.cast(tf.browser.fromPixels(img, 3), 'float32') as tf.Tensor3D;
  });
}

/** Resize an HWC image so its shorter side is `size` (box pre-shrink + bilinear). */
export function resizeShorter(x: tf.Tensor3D, size: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [h, w] = x.shape;
    const [nh, nw] = resizedSize(h, w, size);
    if (nh === h && nw === w) return tf.clone(x);
    let y: tf.Tensor3D = x;
    const f = Math.floor(Math.min(h / nh, w / nw));
    if (f >= 2) y = tf.avgPool(y, [f, f], [f, f], 'valid');
    return tf.image.resizeBilinear(y, [nh, nw], false, true);
  });
}

/** The model input for one image: [1, crop, crop, 3], normalised. */
export function preprocess(img: RgbaImage | tf.Tensor3D | BrowserImage, options: PreprocessOptions = {}): tf.Tensor4D {
  const resize = options.resize ?? 256;
  const crop = options.crop ?? 224;
  return tf.tidy(() => {
    const hwc = toHwc(img);
    const r = resizeShorter(hwc, resize);
    const [h, w] = r.shape;
    if (h < crop || w < crop) throw new Error(`resized image ${w}x${h} is smaller than the ${crop}x${crop} crop`);
    const [top, left] = centerCropOffsets(h, w, crop);
    const c = tf.slice(r, [top, left, 0], [crop, crop, 3]);
    const norm = tf.div(tf.sub(tf.div(c, 255), [...IMAGENET_MEAN]), [...IMAGENET_STD]);
    return tf.expandDims(norm, 0) as tf.Tensor4D;
  });
}

export interface Prediction {
  readonly index: number;
  readonly label: string;
  readonly prob: number;
  readonly logit: number;
}

/** Numerically stable softmax in float64. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, logits[i]);
  const out = new Float64Array(logits.length);
  let s = 0;
  for (let i = 0; i < logits.length; i++) s += out[i] = Math.exp(logits[i] - m);
  for (let i = 0; i < out.length; i++) out[i] /= s;
  return out;
}

/** Top-k classes with probabilities; labels from ImageNet when there are 1000 logits. */
export function topK(logits: ArrayLike<number>, k = 5, labels: readonly string[] = IMAGENET_CLASSES): Prediction[] {
  const p = softmax(logits);
  const idx = Array.from({ length: logits.length }, (_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  return idx.slice(0, k).map((i) => ({
    index: i,
    label: labels.length === logits.length ? labels[i] : `class ${i}`,
    prob: p[i],
    logit: logits[i],
  }));
}
