/**
 * The lab's input tensor: an RGBA image resized and centre-cropped as torchvision's eval transform
 * does, and the way back, what the model saw as RGBA for the "model input" preview. Digits models
 * take a grey test digit as is instead (digits-input.ts).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Dataset } from '../arch/registry';
import type { RgbaImage } from '../runtime/imagenet';
import { digitPreview, digitTensor } from './digits-input';
import type { Runtime } from './runtime-loader';

/** torchvision's eval resize for a crop: 256 for 224, scaled alike for other sizes. */
export function resizeFor(crop: number): number {
  return Math.round((crop * 256) / 224);
}

/**
 * The model input for `dataset`'s models: [1, size, size, 3] ImageNet-normalised (the ImageNet and
 * CIFAR models), or [1, size, size, 1] in [0, 1] for digits. The caller disposes it.
 */
export function inputTensor(rt: Runtime, image: RgbaImage, size: number, dataset: Dataset = 'imagenet'): TF.Tensor4D {
  if (dataset === 'digits') return digitTensor(rt.tf, image, size);
  return rt.imagenet.preprocess(image, { resize: resizeFor(size), crop: size });
}

/** The input back to RGBA (what the model saw): de-normalised, or the digit's grey levels. */
export async function inputPreview(rt: Runtime, input: TF.Tensor4D, dataset: Dataset = 'imagenet'): Promise<RgbaImage> {
  if (dataset === 'digits') return digitPreview(rt.tf, input);
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
