'use client';

import { useEffect, useRef, useState } from 'react';
import { DigitPad, type PadDigit } from '@/components/digits/DigitPad';
import type { FeatureDigit, TrainSession } from '@/lib/widgets/train/session';

export interface FeatureDigitPickerProps {
  readonly session: TrainSession;
  /** The digit the maps are read on now. */
  readonly current: FeatureDigit;
}

/** How long the pad must be still before the maps are read again (each read is a job of the queue). */
const SETTLE_MS = 150;

const featureDigitOf = (d: PadDigit): FeatureDigit => (d.source === 'test' ? { kind: 'test', index: d.index, label: d.label } : { kind: 'drawn' });

/**
 * "Another digit": the digit pad (components/digits/DigitPad.tsx) for the training lab's feature
 * maps, folded away until opened (the pad then loads the test digits; closing it keeps the
 * drawing). What the reader draws or picks becomes the session's feature digit once the pad has
 * been still for a moment, and stays the feature digit of the next training too.
 */
export function FeatureDigitPicker({ session, current }: FeatureDigitPickerProps) {
  const [opened, setOpened] = useState(false);
  // The test digit the pad starts on: the one the maps show, when they show a test digit.
  const [initial] = useState(current.kind === 'test' ? current.index : 0);
  const heard = useRef(false);
  const chosen = useRef<{ pixels: Float32Array; digit: FeatureDigit } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A new session (Train pressed again): it reads the reader's digit too.
  useEffect(() => {
    const c = chosen.current;
    if (c) session.setFeatureDigit(c.pixels, c.digit);
  }, [session]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const onDigit = (d: PadDigit | null) => {
    // The pad's first word is the test digit it starts on, not a choice of the reader's.
    const first = !heard.current;
    heard.current = true;
    if (!d || (first && d.source === 'test')) return; // an empty pad: the maps stay on the last digit
    const digit = featureDigitOf(d);
    chosen.current = { pixels: d.pixels, digit };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => session.setFeatureDigit(d.pixels, digit), SETTLE_MS);
  };

  return (
    <details
      className="rounded-lg border border-slate-200 dark:border-slate-800"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
      data-testid="feature-digit"
    >
      <summary className="cursor-pointer select-none px-3 py-2 text-[13px] font-medium text-slate-800 dark:text-slate-200">
        Another digit: draw one, or pick a test digit
      </summary>
      {opened ? (
        <div className="border-t border-slate-200 p-3 dark:border-slate-800">
          <DigitPad onDigit={onDigit} testDigit={initial} />
        </div>
      ) : null}
    </details>
  );
}
