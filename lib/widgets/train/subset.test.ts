import { describe, expect, it } from 'vitest';
import { digitPixels, imageAt, mistakes, stratifiedIndices, subsetOf } from './subset';
import type { LabelledImages } from '@/lib/train/types';

/** 6 images of 1×2×2, labels 0,1,0,1,2,0: image i holds the values i/10 .. i/10 + 0.03. */
function tiny(): LabelledImages {
  const images = Float32Array.from({ length: 24 }, (_, k) => Math.floor(k / 4) / 10 + (k % 4) / 100);
  return { images, shape: [6, 1, 2, 2], labels: Int32Array.of(0, 1, 0, 1, 2, 0) };
}

describe('the fixed test subset', () => {
  it('takes the first images of each class in split order, classes in order', () => {
    expect([...stratifiedIndices(tiny().labels, 2, 3)]).toEqual([0, 2, 1, 3, 4]);
    expect([...stratifiedIndices(tiny().labels, 1, 3)]).toEqual([0, 1, 4]);
  });

  it('copies the chosen images and labels', () => {
    const s = subsetOf(tiny(), Int32Array.of(3, 4));
    expect(s.shape).toEqual([2, 1, 2, 2]);
    expect([...s.labels]).toEqual([1, 2]);
    expect([...s.images].map((v) => Math.round(v * 100))).toEqual([30, 31, 32, 33, 40, 41, 42, 43]);
    const one = imageAt(tiny(), 5);
    expect(one.label).toBe(0);
    expect(one.shape).toEqual([1, 1, 2, 2]);
  });

  it('paints a digit grey, clamped to [0, 1], opaque', () => {
    const d: LabelledImages = { images: Float32Array.of(0, 1, 0.5, 2), shape: [1, 1, 2, 2], labels: Int32Array.of(3) };
    const px = digitPixels(d, 0);
    expect([px.width, px.height]).toEqual([2, 2]);
    expect([...px.data]).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('lists the misclassified images, true and predicted, up to a limit', () => {
    const labels = Int32Array.of(1, 2, 3, 4);
    const pred = Int32Array.of(1, 7, 3, 9);
    expect(mistakes(labels, pred, 10)).toEqual([
      { index: 1, truth: 2, predicted: 7 },
      { index: 3, truth: 4, predicted: 9 },
    ]);
    expect(mistakes(labels, pred, 1)).toHaveLength(1);
  });
});
