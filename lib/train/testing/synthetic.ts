/**
 * A small separable labelled set for trainer tests: class k is a bright k-th horizontal band
 * (plus seeded noise) on a dark [C, H, W] image, so a CNN learns it in a few dozen steps.
 */
import { mulberry32 } from '../../runtime/weights/he-init';
import type { LabelledImages } from '../types';

export function bands(n: number, shape: readonly [number, number, number], classes: number, seed = 1): LabelledImages {
  const [c, h, w] = shape;
  const rand = mulberry32(seed);
  const images = new Float32Array(n * c * h * w);
  const labels = new Int32Array(n);
  const band = Math.max(1, Math.floor(h / classes));
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    labels[i] = k;
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const on = Math.floor(y / band) === k ? 0.8 : 0;
          images[((i * c + ch) * h + y) * w + x] = on + 0.2 * rand();
        }
  }
  return { images, shape: [n, c, h, w], labels };
}
