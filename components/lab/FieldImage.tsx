'use client';

import { useEffect, useRef } from 'react';
import type { Box } from '@/lib/explain/effective-rf';
import { heatmapPixels } from '@/lib/explain/heatmap';
import type { RgbaImage } from '@/lib/runtime/imagenet';
import { RgbaCanvas } from './RgbaCanvas';

/**
 * The marks of a selected unit, one colour each, over the feature maps (viridis) and the photo
 * with its heat map (inferno): the cell pink, the theoretical field dashed white, the box holding
 * 95 % of the gradient cyan; every line has a black edge so it reads on light and dark pixels.
 */
export const FIELD_COLOURS = { cell: '#ff2e93', theoretical: '#ffffff', effective: '#22d3ee', edge: '#000000' } as const;

export interface FieldOverlay {
  /** The theoretical field on the image (clipped), inclusive pixel box. */
  readonly theoretical: Box | null;
  /** Centre [y, x] of the unit's (unclipped) field, in pixels. */
  readonly centre: readonly [number, number] | null;
  /** The gradient scaled to [0, 1], row-major, and its size. */
  readonly heat: { readonly values: Float32Array; readonly height: number; readonly width: number } | null;
  /** The box holding 95 % of the gradient. */
  readonly effective: Box | null;
}

/** A box in image pixels: its black edge, or its coloured line (drawn in separate passes, see below). */
function BoxMark({ box, colour, dashed, mark }: { box: Box; colour: string | null; dashed?: boolean; mark?: string }) {
  const r = { x: box[1], y: box[0], width: box[3] - box[1] + 1, height: box[2] - box[0] + 1, fill: 'none', vectorEffect: 'non-scaling-stroke' as const };
  return colour === null ? (
    <rect {...r} stroke={FIELD_COLOURS.edge} strokeWidth={4} />
  ) : (
    <rect {...r} stroke={colour} strokeWidth={2} strokeDasharray={dashed ? '6 4' : undefined} data-mark={mark} data-box={box.join(',')} />
  );
}

function HeatCanvas({ heat }: { heat: NonNullable<FieldOverlay['heat']> }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(heatmapPixels(heat.values, heat.width, heat.height, 0.85), heat.width, heat.height), 0, 0);
  }, [heat]);
  return (
    <canvas
      ref={ref}
      width={heat.width}
      height={heat.height}
      aria-hidden="true"
      className="absolute inset-0 h-full w-full"
      style={{ imageRendering: 'pixelated' }}
      data-testid="erf-heat"
    />
  );
}

/** The input image the reader ran, with the selected unit's fields drawn over it. */
export function FieldImage({ image, overlay, label, className }: { image: RgbaImage; overlay: FieldOverlay | null; label: string; className?: string }) {
  const { width: w, height: h } = image;
  return (
    <div className={`relative ${className ?? ''}`} data-testid="field-image">
      <RgbaCanvas image={image} label={label} className="block aspect-square w-full rounded border border-slate-200 dark:border-slate-700" />
      {overlay?.heat ? <HeatCanvas heat={overlay.heat} /> : null}
      {overlay && (overlay.theoretical || overlay.effective) ? (
        <svg
          className="pointer-events-none absolute inset-0 h-full w-full overflow-visible"
          viewBox={`0 0 ${w} ${h}`}
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          {/* Both edges first, then the lines, the theoretical one dashed on top: where the boxes coincide both show. */}
          {overlay.theoretical ? <BoxMark box={overlay.theoretical} colour={null} /> : null}
          {overlay.effective ? <BoxMark box={overlay.effective} colour={null} /> : null}
          {overlay.effective ? <BoxMark box={overlay.effective} colour={FIELD_COLOURS.effective} mark="effective" /> : null}
          {overlay.theoretical ? <BoxMark box={overlay.theoretical} colour={FIELD_COLOURS.theoretical} dashed mark="theoretical" /> : null}
          {overlay.centre && overlay.centre[0] >= 0 && overlay.centre[0] < h && overlay.centre[1] >= 0 && overlay.centre[1] < w ? (
            <circle
              data-mark="centre"
              cx={overlay.centre[1] + 0.5}
              cy={overlay.centre[0] + 0.5}
              r={Math.max(0.45, w / 110)}
              fill={FIELD_COLOURS.cell}
              stroke={FIELD_COLOURS.edge}
              strokeWidth={1}
              vectorEffect="non-scaling-stroke"
            />
          ) : null}
        </svg>
      ) : null}
    </div>
  );
}
