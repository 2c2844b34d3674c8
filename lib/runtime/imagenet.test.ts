/** ImageNet preprocessing: torchvision's sizes, crop offsets, normalisation and channel order. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGENET_CLASSES, IMAGENET_MEAN, IMAGENET_STD, centerCropOffsets, preprocess, resizedSize, roundHalfEven, softmax, topK } from './imagenet';
import { useBackend } from './testing/fixtures.node';

function solid(width: number, height: number, rgb: [number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return { width, height, data };
}

describe('imagenet preprocessing', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('has the 1000 torchvision class names', () => {
    expect(IMAGENET_CLASSES).toHaveLength(1000);
    expect(IMAGENET_CLASSES[0]).toBe('tench');
    expect(IMAGENET_CLASSES[281]).toBe('tabby');
    expect(IMAGENET_CLASSES[967]).toBe('espresso');
  });

  it('computes torchvision Resize(256) and CenterCrop(224) geometry', () => {
    expect(resizedSize(375, 500)).toEqual([256, 341]); // int(256 * 500 / 375)
    expect(resizedSize(500, 375)).toEqual([341, 256]);
    expect(resizedSize(300, 300)).toEqual([256, 256]);
    expect(roundHalfEven(0.5)).toBe(0);
    expect(roundHalfEven(1.5)).toBe(2);
    expect(roundHalfEven(58.5)).toBe(58);
    expect(centerCropOffsets(256, 341)).toEqual([16, 58]); // (341-224)/2 = 58.5 -> 58
  });

  it('normalises with ImageNet mean/std in RGB order, NHWC [1,224,224,3]', () => {
    const before = tf.memory().numTensors;
    const x = preprocess(solid(640, 480, [255, 0, 128]));
    expect(x.shape).toEqual([1, 224, 224, 3]);
    const d = x.dataSync();
    const want = [(1 - IMAGENET_MEAN[0]) / IMAGENET_STD[0], (0 - IMAGENET_MEAN[1]) / IMAGENET_STD[1], (128 / 255 - IMAGENET_MEAN[2]) / IMAGENET_STD[2]];
    for (const px of [0, 224 * 112 + 112, 224 * 224 - 1]) for (let c = 0; c < 3; c++) expect(d[px * 3 + c]).toBeCloseTo(want[c], 5);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps geometry: a left/right split image stays split at the centre after resize and crop', () => {
    // Left half black, right half white, 512x300: after resize (437x256) and crop, column 0 is
    // black and column 223 white; the vertical edge lands in the middle.
    const w = 512;
    const h = 300;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(x < w / 2 ? [0, 0, 0, 255] : [255, 255, 255, 255], (y * w + x) * 4);
    const t = preprocess({ width: w, height: h, data });
    const d = t.dataSync();
    const v = (x: number, y: number) => d[(y * 224 + x) * 3] * IMAGENET_STD[0] + IMAGENET_MEAN[0];
    expect(v(0, 100)).toBeCloseTo(0, 4);
    expect(v(223, 100)).toBeCloseTo(1, 4);
    expect(v(100, 50)).toBeCloseTo(0, 4);
    expect(v(124, 50)).toBeCloseTo(1, 4);
    t.dispose();
  });

  it('accepts an HWC tensor and rejects too-small images', () => {
    const img = tf.fill([256, 256, 3], 255);
    const t = preprocess(img as tf.Tensor3D);
    expect(t.shape).toEqual([1, 224, 224, 3]);
    tf.dispose([img, t]);
    expect(() => preprocess(solid(10, 10, [0, 0, 0]), { resize: 100, crop: 224 })).toThrow(/smaller than/);
  });

  it('top-k returns sorted labelled probabilities', () => {
    const logits = new Float32Array(1000);
    logits[281] = 5;
    logits[967] = 4;
    logits[0] = 3;
    const top = topK(logits, 3);
    expect(top.map((p) => p.label)).toEqual(['tabby', 'espresso', 'tench']);
    expect(top[0].prob).toBeGreaterThan(top[1].prob);
    expect(softmax([1, 1]).every((p) => Math.abs(p - 0.5) < 1e-12)).toBe(true);
    expect(topK([0.1, 0.9], 1)[0].label).toBe('class 1');
  });
});
