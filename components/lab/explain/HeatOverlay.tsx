'use client';

import { useMemo } from 'react';
import { RgbaCanvas } from '@/components/lab/RgbaCanvas';
import { heatImage, heatValues } from '@/lib/explain/display';
import type { ExplainResult } from '@/lib/explain/request';
import type { RgbaImage } from '@/lib/runtime/imagenet';

export interface HeatOverlayProps {
  readonly image: RgbaImage;
  readonly result: ExplainResult;
  readonly opacity: number;
  /** What the overlay shows, for screen readers. */
  readonly label: string;
}

/**
 * The input the model saw with the heat map over it (two canvases at the input's size, stacked;
 * the browser scales both alike), and the map alone beside it: for Grad-CAM at the layer's own
 * resolution, pixelated, so the reader sees what the upsampling smoothed.
 */
export function HeatOverlay({ image, result, opacity, label }: HeatOverlayProps) {
  const size = image.width;
  const values = useMemo(() => heatValues(result, size), [result, size]);
  const heat = useMemo(() => heatImage(values, size, opacity), [values, size, opacity]);
  // Beside the overlay, the map alone at full strength: Grad-CAM's at the layer's own resolution
  // (what the upsampling smoothed), a saliency map at the input's.
  const coarse = result.method === 'gradcam' && (result.height !== size || result.width !== size);
  const alone = useMemo(
    () => (coarse ? heatImage(heatValues(result, result.height), result.height, 1) : heatImage(values, size, 1)),
    [coarse, result, values, size],
  );
  return (
    <div className="flex flex-wrap items-start gap-4">
      <figure className="w-full max-w-[20rem]">
        <div className="relative aspect-square w-full overflow-hidden rounded border border-slate-200 dark:border-slate-700" data-testid="explain-overlay">
          <RgbaCanvas image={image} label="The input the model saw" className="absolute inset-0 h-full w-full" pixelated={size < 64} />
          <RgbaCanvas image={heat} label={label} className="absolute inset-0 h-full w-full" pixelated={size < 64} />
        </div>
        <figcaption className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          Input ({size}×{size}) with the map at {Math.round(opacity * 100)} % opacity
        </figcaption>
      </figure>
      <figure className="w-28">
        <RgbaCanvas
          image={alone}
          label={coarse ? `The Grad-CAM map at the layer's resolution, ${result.height}×${result.width}, before upsampling` : `The map alone, ${size}×${size}`}
          className="aspect-square w-full rounded border border-slate-200 bg-slate-950 dark:border-slate-700"
          pixelated={coarse || size < 64}
        />
        <figcaption className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {coarse ? `At the layer: ${result.height}×${result.width}` : 'The map alone'}
        </figcaption>
      </figure>
    </div>
  );
}
