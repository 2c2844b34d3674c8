/**
 * Colour scales for the four colour modes. Pure: values in, a d3 scale and legend ticks out.
 *
 * MACs, parameters, output sizes and layer times all span several orders of magnitude inside one
 * network (a ReLU has 0 MACs, a 3x3 conv hundreds of millions), so a linear scale would paint
 * everything but the top few layers the same colour: the scale is logarithmic whenever the positive
 * values span more than a factor of 10, and zero or missing values get no colour (the component
 * draws them with the neutral theme fill, which works in light and dark mode).
 */
import { interpolateBuPu, interpolateGnBu, interpolateOrRd, interpolateYlOrBr, lab, scaleSequential, scaleSequentialLog } from 'd3';
import { formatCount, formatMs } from '../format';
import type { ScaleSequential } from 'd3';
import type { ColorMode } from './metrics';

export interface LegendTick {
  readonly value: number;
  readonly label: string;
  /** Position along the legend bar, 0..1. */
  readonly offset: number;
  readonly color: string;
}

export interface ColorScale {
  readonly mode: ColorMode;
  readonly kind: 'log' | 'linear';
  /** The d3 scale: value -> CSS colour. */
  readonly scale: ScaleSequential<string>;
  readonly domain: readonly [number, number];
  /** null for values the scale does not cover (undefined, zero on a log scale): draw neutral. */
  color(value: number | undefined): string | null;
  readonly ticks: readonly LegendTick[];
  /** Legend title, e.g. "MACs (log scale)". */
  readonly title: string;
  format(value: number): string;
  /** Colour stops (offset 0..1, colour) for an SVG gradient of the whole bar. */
  readonly stops: readonly { readonly offset: number; readonly color: string }[];
}

// The site's one count format (lib/format), without trailing zeros: ticks are round numbers ("10 k", "1 M").
const si = (v: number) => formatCount(v, { trim: true });

const META: Record<ColorMode, { title: string; interpolate: (t: number) => string; format: (v: number) => string }> = {
  macs: { title: 'MACs', interpolate: interpolateYlOrBr, format: si },
  params: { title: 'Parameters', interpolate: interpolateBuPu, format: si },
  time: { title: 'Time', interpolate: interpolateOrRd, format: formatMs },
  output: { title: 'Output elements', interpolate: interpolateGnBu, format: si },
};

/** Skip the palest end (indistinguishable from the neutral fill) and the darkest sliver. */
const trim = (f: (t: number) => string) => (t: number) => f(0.12 + 0.83 * t);

export function colorScale(mode: ColorMode, values: Iterable<number | undefined>): ColorScale {
  const meta = META[mode];
  const interpolate = trim(meta.interpolate);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === undefined || !Number.isFinite(v) || v <= 0) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) {
    min = 1;
    max = 1;
  }
  const log = max / min > 10;
  const domain: [number, number] = log ? [min, max] : [min === max ? 0 : Math.min(min, 0), max];
  const scale = log ? scaleSequentialLog(interpolate).domain(domain) : scaleSequential(interpolate).domain(domain);
  const offset = (v: number) => {
    if (domain[1] === domain[0]) return 1;
    const t = log ? (Math.log(v) - Math.log(domain[0])) / (Math.log(domain[1]) - Math.log(domain[0])) : (v - domain[0]) / (domain[1] - domain[0]);
    return Math.min(1, Math.max(0, t));
  };
  const tickValues = log ? decades(domain[0], domain[1]) : linearTicks(domain[0], domain[1]);
  const ticks = tickValues.map((value) => ({ value, label: meta.format(value), offset: offset(value), color: scale(value) }));
  const stops = Array.from({ length: 11 }, (_, i) => ({ offset: i / 10, color: interpolate(i / 10) }));
  return {
    mode,
    kind: log ? 'log' : 'linear',
    scale,
    domain,
    color: (v) => (v === undefined || !Number.isFinite(v) || (log && v <= 0) ? null : scale(v)),
    ticks,
    title: `${meta.title}${log ? ' (log scale)' : ''}`,
    format: meta.format,
    stops,
  };
}

/** Powers of ten inside [lo, hi], thinned to at most 6, always including the ends' decades. */
function decades(lo: number, hi: number): number[] {
  const a = Math.ceil(Math.log10(lo) - 1e-9);
  const b = Math.floor(Math.log10(hi) + 1e-9);
  const all: number[] = [];
  for (let e = a; e <= b; e++) all.push(10 ** e);
  if (all.length === 0) return [lo, hi];
  const step = Math.ceil(all.length / 6);
  return all.filter((_, i) => i % step === 0);
}

function linearTicks(lo: number, hi: number): number[] {
  if (hi === lo) return [hi];
  return [lo, (lo + hi) / 2, hi];
}

/** Dark or light text for a fill colour, by CIELAB lightness (readable on every palette step). */
export function textColorFor(fill: string): '#0f172a' | '#ffffff' {
  return lab(fill).l > 58 ? '#0f172a' : '#ffffff';
}
