'use client';

import { useMemo } from 'react';
import { RgbaCanvas } from '@/components/lab/RgbaCanvas';
import type { LabelledImages } from '@/lib/train/types';
import { digitPixels, mistakes } from '@/lib/widgets/train/subset';

export interface MisclassifiedProps {
  /** The images that were evaluated (the subset or the whole test split). */
  readonly images: LabelledImages;
  readonly predictions: Int32Array;
  readonly limit?: number;
  readonly what: string;
}

/** The first misclassified test digits, each a small canvas labelled "true → predicted". */
export function Misclassified({ images, predictions, limit = 24, what }: MisclassifiedProps) {
  const list = useMemo(() => mistakes(images.labels, predictions, limit), [images, predictions, limit]);
  const wrong = useMemo(() => images.labels.reduce((n, l, i) => n + (predictions[i] !== l ? 1 : 0), 0), [images, predictions]);
  return (
    <figure className="min-w-0" data-testid="misclassified" data-count={wrong}>
      <figcaption className="mb-1 text-xs text-slate-600 dark:text-slate-400">
        Misclassified: {wrong} of {images.labels.length} ({what}){wrong > list.length ? `; the first ${list.length}` : ''}. Labels read true → predicted.
      </figcaption>
      {list.length === 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">None.</p>
      ) : (
        <ul className="grid gap-1.5" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(52px, 1fr))' }}>
          {list.map((m) => (
            <li key={m.index} className="text-center">
              <RgbaCanvas
                image={digitPixels(images, m.index)}
                label={`A ${m.truth} read as ${m.predicted}`}
                pixelated
                className="mx-auto block aspect-square w-12 rounded-sm border border-slate-200 dark:border-slate-700"
              />
              <span className="font-mono text-[11px] text-slate-700 dark:text-slate-300">
                {m.truth} → {m.predicted}
              </span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
