/**
 * The digits test split for the lab (the picker's digits, the test-accuracy action): fetched once
 * per page from the site's own asset (lib/data/digits), converted once. Only the test split is
 * made into floats (6.3 MB; the train split would add 25 MB the lab never uses).
 */
import { loadPackedDigits, type LoadDigitsOptions } from '../data/digits/load';
import { toLabelledImages } from '../data/digits/images';
import type { LabelledImages } from '../train/types';

let done: LabelledImages | null = null;

export async function digitsTestSet(options: LoadDigitsOptions = {}): Promise<LabelledImages> {
  if (done) return done;
  const packed = await loadPackedDigits(options);
  done ??= toLabelledImages(packed.test, packed.header);
  return done;
}

/** The test split when it is already here (no wait), else null. */
export function digitsTestSetNow(): LabelledImages | null {
  return done;
}
