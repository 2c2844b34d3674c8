/**
 * The fixed, seeded, stratified train/test split of the digits (documented in ./README.md).
 *
 * The mnist package holds 10,000 digits grouped by class, with unequal class sizes (863 fives,
 * 1,127 ones), so "800/200 per class" cannot hold. Instead each class keeps its share: the test
 * split takes 20 % of every class, rounded by the largest-remainder rule so the test split has
 * exactly round(0.2 · 10,000) = 2,000 images, and the class proportions of train and test match
 * the whole set to within one image per class. The order inside each split is shuffled too, so
 * in-order batches (the CLI's --no-shuffle) hold a mix of classes.
 *
 * The split is part of the asset's identity: changing the seed, the rule or the RNG changes every
 * model's test accuracy. The asset's header records the seed; ./split.test.ts pins the counts.
 */
import { mulberry32 } from '../../runtime/weights/he-init';

export const DIGITS_SPLIT = {
  /** Seed of the split (mulberry32, the site's seeded uniform RNG). */
  seed: 13,
  /** Share of every class that goes to the test split. */
  testFraction: 0.2,
  /** Digits in the mnist package, per class 0–9 (package order). */
  classCounts: [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978] as readonly number[],
  trainCount: 8000,
  testCount: 2000,
} as const;

/**
 * Test images per class: testFraction · count_c, floored, plus one for the classes with the
 * largest remainders (ties: the lower class) until the total is round(testFraction · Σ count).
 */
export function testQuota(classCounts: readonly number[], testFraction: number): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  const target = Math.round(testFraction * total);
  const exact = classCounts.map((n) => testFraction * n);
  const quota = exact.map(Math.floor);
  let left = target - quota.reduce((a, b) => a + b, 0);
  const order = exact.map((e, c) => ({ c, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.c - b.c);
  for (const { c } of order) {
    if (left <= 0) break;
    quota[c]++;
    left--;
  }
  return quota;
}

/** Fisher–Yates in place with a [0, 1) RNG. */
function shuffle(a: number[], rand: () => number): number[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** A reference to one digit of the package: its class and its index inside that class's file. */
export interface DigitRef {
  readonly label: number;
  readonly index: number;
}

/**
 * The split, as the asset stores it. One RNG stream, used in this order: shuffle each class's
 * indices (class 0 first), the first quota_c go to test and the rest to train, then shuffle the
 * train list, then the test list.
 */
export function splitDigits(classCounts: readonly number[], seed: number, testFraction: number): { train: DigitRef[]; test: DigitRef[] } {
  const rand = mulberry32(seed);
  const quota = testQuota(classCounts, testFraction);
  const train: DigitRef[] = [];
  const test: DigitRef[] = [];
  classCounts.forEach((n, label) => {
    const idx = shuffle(
      Array.from({ length: n }, (_, i) => i),
      rand,
    );
    idx.forEach((index, k) => (k < quota[label] ? test : train).push({ label, index }));
  });
  const order = (refs: DigitRef[]) =>
    shuffle(
      refs.map((_, i) => i),
      rand,
    ).map((i) => refs[i]);
  return { train: order(train), test: order(test) };
}
