/**
 * The lab's input tensor: an RGBA image resized and centre-cropped as torchvision's eval transform
 * does, and the way back, what the model saw as RGBA for the "model input" preview.
 */
import type * as TF from '@tensorflow/tfjs';
import type { RgbaImage } from '../runtime/imagenet';
import type { Runtime } from './runtime-loader';

/** torchvision's eval resize for a crop: 256 for 224, scaled alike for other sizes. */
export function resizeFor(crop: number): number {
  return Math.round((crop * 256) / 224);
}

/** [1, size, size, 3], ImageNet-normalised. The caller disposes it. */
export function inputTensor(rt: Runtime, image: RgbaImage, size: number): TF.Tensor4D {
  return rt.imagenet.preprocess(image, { resize: resizeFor(size), crop: size });
}

/** The normalised input de-normalised back to RGBA (what the model saw). */
export async function inputPreview(rt: Runtime, input: TF.Tensor4D): Promise<RgbaImage> {
  const { tf } = rt;
  const { IMAGENET_MEAN, IMAGENET_STD } = rt.imagenet;
  const preview = tf.tidy(() => {
    const rgb = tf.clipByValue(tf.mul(tf.add(tf.mul(input, [...IMAGENET_STD]), [...IMAGENET_MEAN]), 255), 0, 255);
    return tf.cast(tf.squeeze(rgb, [0]), 'int32') as TF.Tensor3D;
  });
  let rgb: Int32Array;
  try {
    rgb = (await preview.data()) as Int32Array;
  } finally {
    preview.dispose();
  }
  const [, h, w] = input.shape;
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    data[4 * i] = rgb[3 * i];
    data[4 * i + 1] = rgb[3 * i + 1];
    data[4 * i + 2] = rgb[3 * i + 2];
    data[4 * i + 3] = 255;
  }
  return { width: w, height: h, data };
}
