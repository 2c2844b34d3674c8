'use client';

import { CENTRE, FIELD, type CentredDigit } from '@/lib/data/digits/centre';
import { DigitCanvas } from './DigitCanvas';

export interface CentringPreviewProps {
  readonly pixels: Float32Array;
  /** For a drawing: how it was centred (drawn over the digit: the 20-pixel box and the centre of mass). */
  readonly centring?: CentredDigit | null;
  readonly label: string;
}

/**
 * The 28×28 input the model reads, large and pixelated, with MNIST's normalisation drawn over a
 * drawing: the dashed box the digit was scaled into (its long side 20 of the 28 pixels) and its
 * centre of mass (the dot), which the shift put on the field's centre (the cross).
 */
export function CentringPreview({ pixels, centring, label }: CentringPreviewProps) {
  const s = 4; // SVG units per model pixel
  return (
    <div className="relative aspect-square w-28 shrink-0 overflow-hidden rounded border border-slate-300 dark:border-slate-600">
      <DigitCanvas pixels={pixels} label={label} className="absolute inset-0 h-full w-full" />
      {centring && (
        <svg viewBox={`0 0 ${FIELD * s} ${FIELD * s}`} className="pointer-events-none absolute inset-0 h-full w-full" aria-hidden="true">
          <rect
            x={centring.box.x * s}
            y={centring.box.y * s}
            width={centring.box.width * s}
            height={centring.box.height * s}
            fill="none"
            stroke="#38bdf8"
            strokeWidth={1.5}
            strokeDasharray="4 3"
          />
          <path d={`M${CENTRE * s + 2 - 8} ${CENTRE * s + 2}h16M${CENTRE * s + 2} ${CENTRE * s + 2 - 8}v16`} stroke="#f97316" strokeWidth={1.5} />
          <circle cx={centring.centre.x * s + 2} cy={centring.centre.y * s + 2} r={3} fill="#f97316" />
        </svg>
      )}
    </div>
  );
}
