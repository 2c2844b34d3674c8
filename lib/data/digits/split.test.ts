import { describe, expect, it } from 'vitest';
import { DIGITS_SPLIT, splitDigits, testQuota } from './split';

const counts = DIGITS_SPLIT.classCounts;

describe('digits split', () => {
  it('takes 20 % of each class for test, largest remainders rounded up, 2,000 in all', () => {
    const q = testQuota(counts, DIGITS_SPLIT.testFraction);
    expect(q).toEqual([200, 225, 198, 206, 196, 173, 203, 214, 189, 196]);
    expect(q.reduce((a, b) => a + b, 0)).toBe(DIGITS_SPLIT.testCount);
    q.forEach((t, c) => expect(Math.abs(t - 0.2 * counts[c])).toBeLessThan(1));
  });

  it('largest remainder: ties go to the lower class, total stays exact', () => {
    expect(testQuota([5, 5, 5], 0.5)).toEqual([3, 3, 2]);
    expect(testQuota([3, 3, 3, 3], 0.25)).toEqual([1, 1, 1, 0]);
    expect(testQuota([4, 6], 0.25)).toEqual([1, 2]);
    expect(testQuota([10, 10], 0)).toEqual([0, 0]);
  });

  it('is a partition of every digit, stratified per class, and the same on every call', () => {
    const a = splitDigits(counts, DIGITS_SPLIT.seed, DIGITS_SPLIT.testFraction);
    expect(a.train.length).toBe(DIGITS_SPLIT.trainCount);
    expect(a.test.length).toBe(DIGITS_SPLIT.testCount);
    const seen = new Set([...a.train, ...a.test].map((r) => `${r.label}:${r.index}`));
    expect(seen.size).toBe(10_000);
    const q = testQuota(counts, DIGITS_SPLIT.testFraction);
    for (let c = 0; c < 10; c++) {
      expect(a.test.filter((r) => r.label === c).length).toBe(q[c]);
      expect(a.train.filter((r) => r.label === c).length).toBe(counts[c] - q[c]);
    }
    expect(splitDigits(counts, DIGITS_SPLIT.seed, DIGITS_SPLIT.testFraction)).toEqual(a);
    // Another seed gives another split (the seed matters).
    expect(splitDigits(counts, DIGITS_SPLIT.seed + 1, DIGITS_SPLIT.testFraction).test.slice(0, 20)).not.toEqual(a.test.slice(0, 20));
  });

  it('mixes classes in order, so in-order batches are not single-class', () => {
    const { train } = splitDigits(counts, DIGITS_SPLIT.seed, DIGITS_SPLIT.testFraction);
    expect(new Set(train.slice(0, 32).map((r) => r.label)).size).toBeGreaterThanOrEqual(7);
  });
});
