import { type ColourScaleKind, colourLut } from '@/lib/lab/featuremap-display';
import { sig3 } from '@/lib/lab/format';

export interface ColourLegendProps {
  readonly scale: ColourScaleKind;
  readonly domain: readonly [number, number];
  /** e.g. "shared by all channels" or "channel 12". */
  readonly caption: string;
}

/** A horizontal gradient of the colour scale with its end values (and zero for diverging). */
export function ColourLegend({ scale, domain, caption }: ColourLegendProps) {
  const lut = colourLut(scale);
  const stops = Array.from({ length: 11 }, (_, i) => {
    const j = Math.round((i / 10) * 255) * 3;
    return `rgb(${lut[j]},${lut[j + 1]},${lut[j + 2]}) ${i * 10}%`;
  });
  return (
    <figure className="w-full max-w-xs text-xs text-slate-600 dark:text-slate-400" aria-label={`Colour scale: ${scale}, ${sig3(domain[0])} to ${sig3(domain[1])}, ${caption}`}>
      <div className="h-3 rounded-sm border border-slate-300 dark:border-slate-700" style={{ background: `linear-gradient(to right, ${stops.join(',')})` }} />
      <div className="mt-0.5 flex justify-between tabular-nums">
        <span>{sig3(domain[0])}</span>
        {scale === 'diverging' && <span>0</span>}
        <span>{sig3(domain[1])}</span>
      </div>
      <figcaption className="mt-0.5">
        {scale === 'diverging' ? 'Diverging: blue negative, white zero, red positive' : 'Sequential (viridis): dark low, yellow high'}; {caption}
      </figcaption>
    </figure>
  );
}
