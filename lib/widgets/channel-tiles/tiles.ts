/**
 * One channel of a small NHWC tensor drawn as a tile of h×w cells, for the step-by-step operation
 * widgets (grouped convolution, depthwise then pointwise). The colours are the model lab's diverging
 * feature-map scale (lib/lab/featuremap-display.ts: blue negative, white 0, red positive),
 * symmetric about 0 so that tiles on one scale compare. D3 computes; React draws the cells.
 */
import { colourLut } from '@/lib/lab/featuremap-display';

const LUT = colourLut('diverging');

export interface TileCell {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly fill: string;
}

/** The fill of value v on the scale [−m, m] (m > 0; values beyond clamp). */
export function divergingFill(v: number, m: number): string {
  const t = m > 0 ? (Math.max(-m, Math.min(m, v)) + m) / (2 * m) : 0.5;
  const i = Math.round(t * 255);
  return `rgb(${LUT[3 * i]},${LUT[3 * i + 1]},${LUT[3 * i + 2]})`;
}

/** Largest |v|, the half-width of a symmetric scale (1 for an all-zero array, so a blank tile stays white). */
export function symmetricMax(data: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i]));
  return m > 0 ? m : 1;
}

/**
 * Channel `c` of an NHWC array [h, w, channels] (batch 1) as h·w cells filling a `side`-wide
 * square at (x0, y0), row by row.
 */
export function tileCells(
  data: ArrayLike<number>,
  dims: { readonly h: number; readonly w: number; readonly channels: number },
  c: number,
  at: { readonly x0: number; readonly y0: number; readonly side: number },
  m: number,
): TileCell[] {
  const { h, w, channels } = dims;
  const size = at.side / Math.max(h, w);
  const cells: TileCell[] = [];
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) cells.push({ x: at.x0 + j * size, y: at.y0 + i * size, size, fill: divergingFill(data[(i * w + j) * channels + c], m) });
  return cells;
}
