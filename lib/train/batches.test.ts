/** BatchSampler: DataLoader(drop_last=True) batches, seeded per-epoch shuffles, in-order without shuffle. */
import { describe, expect, it } from 'vitest';
import { BatchSampler } from './batches';
import { Rng, streamSeed } from './rng';

const draw = (s: BatchSampler, k: number) => Array.from({ length: k }, () => Array.from(s.next()));

describe('BatchSampler', () => {
  it('without shuffle: in order, full batches only, each epoch from index 0', () => {
    const s = new BatchSampler({ n: 10, batchSize: 4, shuffle: false, seed: 0 });
    expect(s.stepsPerEpoch).toBe(2);
    expect(draw(s, 5)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [0, 1, 2, 3],
    ]);
    expect(s.step).toBe(5);
    expect(s.epoch).toBe(2);
  });

  it('with shuffle: each epoch a permutation cut into full batches, the rest dropped', () => {
    const s = new BatchSampler({ n: 103, batchSize: 10, shuffle: true, seed: 7 });
    for (let e = 0; e < 3; e++) {
      const seen = draw(s, s.stepsPerEpoch).flat();
      expect(seen).toHaveLength(100);
      expect(new Set(seen).size).toBe(100);
      expect(seen.every((i) => i >= 0 && i < 103)).toBe(true);
    }
  });

  it('same seed → same batches; other seed or other epoch → another order', () => {
    const a = draw(new BatchSampler({ n: 50, batchSize: 5, shuffle: true, seed: 3 }), 20);
    const b = draw(new BatchSampler({ n: 50, batchSize: 5, shuffle: true, seed: 3 }), 20);
    const c = draw(new BatchSampler({ n: 50, batchSize: 5, shuffle: true, seed: 4 }), 20);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.slice(0, 10)).not.toEqual(a.slice(10, 20));
  });

  it('resumes at any step with the same batches', () => {
    const all = draw(new BatchSampler({ n: 30, batchSize: 4, shuffle: true, seed: 11 }), 17);
    const resumed = draw(new BatchSampler({ n: 30, batchSize: 4, shuffle: true, seed: 11, startStep: 9 }), 8);
    expect(resumed).toEqual(all.slice(9));
  });

  it('refuses a batch larger than the dataset and non-integer sizes', () => {
    expect(() => new BatchSampler({ n: 3, batchSize: 4, shuffle: false, seed: 0 })).toThrow(/no full batch/);
    expect(() => new BatchSampler({ n: 0, batchSize: 1, shuffle: false, seed: 0 })).toThrow(RangeError);
    expect(() => new BatchSampler({ n: 10, batchSize: 2.5, shuffle: false, seed: 0 })).toThrow(RangeError);
  });
});

describe('Rng', () => {
  it('is seeded, uniform-ish in [0, 1), and its streams differ', () => {
    const r = new Rng(1);
    const xs = Array.from({ length: 10000 }, () => r.float());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((a, b) => a + b) / xs.length - 0.5)).toBeLessThan(0.02);
    expect(new Rng(1).float()).toBe(new Rng(1).float());
    expect(Rng.stream(1, 0).float()).not.toBe(Rng.stream(1, 1).float());
    expect(streamSeed(5, 2)).toBe(streamSeed(5, 2));
    expect(streamSeed(5, 2)).not.toBe(streamSeed(6, 2));
  });

  it('shuffles into a permutation', () => {
    const a = new Rng(9).shuffle(Int32Array.from({ length: 100 }, (_, i) => i));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...a]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
