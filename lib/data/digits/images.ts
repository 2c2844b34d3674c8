/** From the asset's u8 splits to the trainer's input form (lib/train/types.ts LabelledImages). */
import type { LabelledImages } from '../../train/types';
import type { DigitsHeader, PackedDigits, PackedSplit } from './format';

/** k → k / 255 in float32, once. */
const VALUES = Float32Array.from({ length: 256 }, (_, k) => k / 255);

/** NCHW float32 images in [0, 1] (white digit on black, no normalisation) and int32 labels. */
export function toLabelledImages(split: PackedSplit, header: Pick<DigitsHeader, 'channels' | 'height' | 'width'>): LabelledImages {
  const images = new Float32Array(split.pixels.length);
  for (let i = 0; i < images.length; i++) images[i] = VALUES[split.pixels[i]];
  return { images, shape: [split.labels.length, header.channels, header.height, header.width], labels: Int32Array.from(split.labels) };
}

export interface DigitsData {
  readonly train: LabelledImages;
  readonly test: LabelledImages;
}

export function toDigitsData(packed: PackedDigits): DigitsData {
  return { train: toLabelledImages(packed.train, packed.header), test: toLabelledImages(packed.test, packed.header) };
}
