'use client';

import { useEffect, useRef, useState } from 'react';
import type { DigitsProgress } from '@/lib/data/digits/load';
import { digitImage } from '@/lib/lab/digits-input';
import { digitsTestSet, digitsTestSetNow } from '@/lib/lab/digits-test-set';
import type { RgbaImage } from '@/lib/runtime/imagenet';
import type { LabelledImages } from '@/lib/train/types';

/**
 * The Runner's input for a digits model: test digit `digit` of the digits test split, fetched from
 * the site when `enabled` (the first digits model on the page), with its download progress and a
 * clear message when the asset cannot be loaded. `currentImage()` gives the same RgbaImage object
 * for the same digit, so the session keeps its input tensor across runs.
 */
export function useDigitInput(enabled: boolean, digit: number) {
  const [test, setTest] = useState<LabelledImages | null>(digitsTestSetNow);
  const [progress, setProgress] = useState<DigitsProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cache = useRef(new Map<number, RgbaImage>());

  useEffect(() => {
    if (!enabled || test) return;
    const ctrl = new AbortController();
    digitsTestSet({ signal: ctrl.signal, onProgress: setProgress }).then(
      (t) => {
        setTest(t);
        setProgress(null);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setProgress(null);
        setError(`The digits could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    return () => ctrl.abort();
  }, [enabled, test]);

  const imageOf = (set: LabelledImages, i: number): RgbaImage => {
    const hit = cache.current.get(i);
    if (hit) return hit;
    const img = digitImage(set, i);
    cache.current.set(i, img);
    return img;
  };

  const currentImage = async (): Promise<RgbaImage> => imageOf(test ?? (await digitsTestSet()), digit);

  return { test, progress, error, key: digit, currentImage, imageOf };
}
