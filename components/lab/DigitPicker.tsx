'use client';

import { useId, useMemo } from 'react';
import { Field } from '@/components/ui/Field';
import { Progress } from '@/components/ui/Progress';
import { controlClass } from '@/components/ui/styles';
import type { DigitsProgress } from '@/lib/data/digits/load';
import { DIGITS_SPLIT } from '@/lib/data/digits/split';
import { formatBytes } from '@/lib/format';
import { pickerDigits } from '@/lib/lab/digits-input';
import type { RgbaImage } from '@/lib/runtime/imagenet';
import type { LabelledImages } from '@/lib/train/types';
import { RgbaCanvas } from './RgbaCanvas';

export interface DigitPickerProps {
  /** Index into the test split. */
  readonly digit: number;
  readonly onDigit: (digit: number) => void;
  /** The test split once loaded (null while it downloads). */
  readonly test: LabelledImages | null;
  readonly progress: DigitsProgress | null;
  readonly error: string | null;
  readonly imageOf: (set: LabelledImages, index: number) => RgbaImage;
  readonly disabled?: boolean;
}

const LAST = DIGITS_SPLIT.testCount - 1;

/**
 * The input of a digits model: a test digit of the dataset. Two of each class as a radio group
 * (arrow keys move between them), and any of the 2,000 by number. Photos, uploads and the camera
 * are not offered: these models read 28×28 grey digits, white on black.
 */
export function DigitPicker(p: DigitPickerProps) {
  const id = useId();
  const offered = useMemo(() => (p.test ? pickerDigits(p.test.labels) : []), [p.test]);
  const label = p.test && p.digit >= 0 && p.digit < p.test.labels.length ? p.test.labels[p.digit] : null;
  const loadText = p.progress
    ? `Loading the digits test split… ${formatBytes(p.progress.loaded)}${p.progress.total ? ` of ${formatBytes(p.progress.total)}` : ''}`
    : 'Loading the digits test split…';
  return (
    <fieldset className="space-y-3" data-testid="digit-picker">
      <legend className="mb-1 text-sm font-semibold text-slate-900 dark:text-white">Input digit</legend>
      {p.error ? (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800/70 dark:bg-red-950/40 dark:text-red-200"
        >
          {p.error}
        </p>
      ) : !p.test ? (
        <Progress label="Digits download progress" fraction={p.progress?.total ? p.progress.loaded / p.progress.total : 0} text={loadText} />
      ) : (
        <>
          <div role="radiogroup" aria-label="Test digits" className="grid grid-cols-10 gap-1" data-control="digit">
            {offered.map((i) => {
              const checked = i === p.digit;
              return (
                <label
                  key={i}
                  className={`cursor-pointer overflow-hidden rounded border-2 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-500 ${
                    checked ? 'border-accent-500 dark:border-accent-400' : 'border-transparent hover:border-slate-300 dark:hover:border-slate-600'
                  }`}
                >
                  <input
                    type="radio"
                    name={`${id}-digit`}
                    value={i}
                    checked={checked}
                    disabled={p.disabled}
                    onChange={() => p.onDigit(i)}
                    className="sr-only"
                    aria-label={`a ${p.test!.labels[i]} (test image ${i})`}
                  />
                  <RgbaCanvas image={p.imageOf(p.test!, i)} label={`hand-written ${p.test!.labels[i]}`} pixelated className="block aspect-square w-full" />
                </label>
              );
            })}
          </div>
          <Field
            label="Test image"
            control="digit"
            hint={`Any of the ${DIGITS_SPLIT.testCount.toLocaleString('en')} test digits (0–${LAST}).${label !== null ? ` Test image ${p.digit} is a ${label}.` : ''}`}
          >
            {(fid, hintId) => (
              <input
                id={fid}
                type="number"
                min={0}
                max={LAST}
                aria-describedby={hintId}
                disabled={p.disabled}
                className={`w-24 ${controlClass}`}
                value={p.digit}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 0 && n <= LAST) p.onDigit(n);
                }}
              />
            )}
          </Field>
        </>
      )}
      <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="digits-input-note">
        This model reads 28×28 grey digits, white on black, from the digits test split (the mnist package, MIT), so photos, uploads and the camera are not
        offered here.
      </p>
    </fieldset>
  );
}
