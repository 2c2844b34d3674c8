/**
 * Packs the mnist package's digits (float values in [0, 1], one array per class) into the asset.
 *
 * The package's values are the original MNIST bytes k ∈ 0..255 as k / 255 printed with three
 * decimals (0.992 = 253 / 255 = 0.99216…). Three decimals tell all 256 values apart (neighbours
 * are 1/255 ≈ 0.0039 apart), so k = round(255 · v) recovers every byte exactly and uint8 packing is
 * lossless; pack() refuses a value farther than the three-decimal rounding (0.0005) from k / 255.
 * Decoding gives k / 255 (what torchvision's ToTensor gives for MNIST), within 0.0005 of the JSON.
 */
import { DigitsFormatError, encodeDigits } from './format';
import { DIGITS_SPLIT, splitDigits } from './split';

export const DIGIT_SIDE = 28;
const PIXELS = DIGIT_SIDE * DIGIT_SIDE;
/** Half a unit in the third decimal, plus float noise. */
const ROUNDING = 0.0005 + 1e-9;

/** One class's digits as the package stores them: count · 784 values, row-major. */
export type ClassValues = ArrayLike<number>;

/** k for one package value, or a DigitsFormatError when it is no three-decimal k / 255. */
export function quantize(v: number, where: string): number {
  if (!(v >= 0 && v <= 1)) throw new DigitsFormatError('input', `${where}: value ${v} is outside [0, 1]`);
  const k = Math.round(v * 255);
  if (Math.abs(k / 255 - v) > ROUNDING) throw new DigitsFormatError('input', `${where}: value ${v} is not k / 255 to three decimals (nearest ${k} / 255)`);
  return k;
}

/** The asset's bytes from the ten classes' values, split by DIGITS_SPLIT (or `split`). */
export function packDigits(classes: readonly ClassValues[], split: { seed: number; testFraction: number } = DIGITS_SPLIT): Uint8Array {
  if (classes.length !== 10) throw new DigitsFormatError('input', `expected 10 classes, got ${classes.length}`);
  const counts = classes.map((values, c) => {
    if (values.length % PIXELS !== 0) throw new DigitsFormatError('input', `class ${c}: ${values.length} values is not a whole number of 28×28 images`);
    return values.length / PIXELS;
  });
  const { train, test } = splitDigits(counts, split.seed, split.testFraction);
  const pack = (refs: readonly { label: number; index: number }[]) => {
    const pixels = new Uint8Array(refs.length * PIXELS);
    const labels = new Uint8Array(refs.length);
    refs.forEach(({ label, index }, i) => {
      labels[i] = label;
      const src = classes[label];
      const base = index * PIXELS;
      for (let p = 0; p < PIXELS; p++) pixels[i * PIXELS + p] = quantize(src[base + p], `class ${label} image ${index} pixel ${p}`);
    });
    return { pixels, labels };
  };
  return encodeDigits({ train: pack(train), test: pack(test), seed: split.seed, channels: 1, height: DIGIT_SIDE, width: DIGIT_SIDE, classes: 10 });
}
