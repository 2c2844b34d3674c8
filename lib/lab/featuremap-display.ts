/**
 * Feature-map display helpers: per-channel statistics, the colour scale choice, the rasterisation
 * of one channel into RGBA pixels, and the paging/grid layout of channel tiles.
 *
 * Maps arrive from the runtime as NCHW Float32Arrays (or NF vectors after global pooling); only
 * batch item 0 is shown. Everything here is plain arithmetic so it is unit-tested in Node.
 */
import { interpolateRdBu, interpolateViridis } from 'd3';

/** The subset of the runtime's FeatureMap these helpers read (structural, no tfjs import). */
export interface MapLike {
  readonly layout: 'NCHW' | 'NF';
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface ChannelStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
  /** Fraction of exact zeros (dead ReLU units show up as 1.0). */
  readonly zeroFraction: number;
}

/** Channel geometry of a map: C tiles of H×W. An NF vector becomes one near-square tile. */
export interface MapGeometry {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** Number of valid values per tile (H·W, or F for a vector whose last row is partly empty). */
  readonly valuesPerTile: number;
}

export function mapGeometry(map: Pick<MapLike, 'layout' | 'shape'>): MapGeometry {
  if (map.layout === 'NCHW') {
    const [, c, h, w] = map.shape;
    return { channels: c, height: h, width: w, valuesPerTile: h * w };
  }
  const f = map.shape[1] ?? map.shape[0];
  const width = Math.max(1, Math.ceil(Math.sqrt(f)));
  return { channels: 1, height: Math.ceil(f / width), width, valuesPerTile: f };
}

/** Statistics of data[offset, offset+length), in one pass (Welford for a stable variance). */
export function channelStats(data: Float32Array, offset: number, length: number): ChannelStats {
  if (length <= 0) return { min: NaN, max: NaN, mean: NaN, std: NaN, zeroFraction: NaN };
  let min = Infinity;
  let max = -Infinity;
  let mean = 0;
  let m2 = 0;
  let zeros = 0;
  for (let i = 0; i < length; i++) {
    const v = data[offset + i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
    const d = v - mean;
    mean += d / (i + 1);
    m2 += d * (v - mean);
  }
  return { min, max, mean, std: Math.sqrt(m2 / length), zeroFraction: zeros / length };
}

/** Stats of every channel of batch item 0. */
export function allChannelStats(map: MapLike): ChannelStats[] {
  const g = mapGeometry(map);
  const per = map.layout === 'NCHW' ? g.height * g.width : g.valuesPerTile;
  return Array.from({ length: g.channels }, (_, c) => channelStats(map.data, c * per, g.valuesPerTile));
}

/** Stats over the whole layer (batch item 0). */
export function layerStats(map: MapLike): ChannelStats {
  const g = mapGeometry(map);
  const n = map.layout === 'NCHW' ? g.channels * g.height * g.width : g.valuesPerTile;
  return channelStats(map.data, 0, n);
}

export type ColourScaleKind = 'sequential' | 'diverging';
export type Normalization = 'layer' | 'channel';

/**
 * Diverging (blue–white–red, zero at the centre) when the layer has values of both signs that
 * matter: e.g. a conv or BN output before its ReLU. Sequential (viridis) for non-negative maps such
 * as ReLU outputs, where a diverging scale would waste half its range. "Matter" means the smaller
 * side reaches at least 5% of the larger one, so float noise around zero does not flip the choice.
 */
export function chooseColourScale(stats: Pick<ChannelStats, 'min' | 'max'>): ColourScaleKind {
  const neg = Math.max(0, -stats.min);
  const pos = Math.max(0, stats.max);
  if (neg === 0 || pos === 0) return 'sequential';
  return Math.min(neg, pos) >= 0.05 * Math.max(neg, pos) ? 'diverging' : 'sequential';
}

/** The value range the colours span: symmetric around zero for a diverging scale. */
export function colourDomain(stats: Pick<ChannelStats, 'min' | 'max'>, scale: ColourScaleKind): [number, number] {
  if (!Number.isFinite(stats.min) || !Number.isFinite(stats.max)) return [0, 1];
  if (scale === 'diverging') {
    const m = Math.max(Math.abs(stats.min), Math.abs(stats.max)) || 1;
    return [-m, m];
  }
  return stats.min === stats.max ? [stats.min, stats.min + 1] : [stats.min, stats.max];
}

/** 256 RGB entries of the scale, so rasterising is a table lookup per pixel. */
export function colourLut(scale: ColourScaleKind): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 3);
  // RdBu goes red -> blue; reverse it so negative is blue and positive is red (a common convention).
  const f = scale === 'diverging' ? (t: number) => interpolateRdBu(1 - t) : interpolateViridis;
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = parseRgb(f(i / 255));
    lut[3 * i] = r;
    lut[3 * i + 1] = g;
    lut[3 * i + 2] = b;
  }
  return lut;
}

/** d3 interpolators return "rgb(r, g, b)" or "#rrggbb". */
export function parseRgb(css: string): [number, number, number] {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{6})$/i.exec(css);
  if (h) {
    const n = parseInt(h[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  throw new Error(`cannot parse colour ${css}`);
}

/**
 * RGBA pixels of channel `c` (batch item 0), values mapped through `domain` onto `lut`. Values
 * outside the domain clamp; NaN and the unused cells of a vector tile are transparent.
 */
export function rasterizeChannel(map: MapLike, c: number, domain: readonly [number, number], lut: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  const g = mapGeometry(map);
  const n = g.height * g.width;
  const out = new Uint8ClampedArray(n * 4);
  const per = map.layout === 'NCHW' ? n : g.valuesPerTile;
  const base = c * per;
  const [lo, hi] = domain;
  const k = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0; i < n; i++) {
    if (i >= g.valuesPerTile) continue;
    const v = map.data[base + i];
    if (Number.isNaN(v)) continue;
    const j = Math.max(0, Math.min(255, Math.round((v - lo) * k))) * 3;
    out[4 * i] = lut[j];
    out[4 * i + 1] = lut[j + 1];
    out[4 * i + 2] = lut[j + 2];
    out[4 * i + 3] = 255;
  }
  return out;
}

/** The domain for channel c under a normalisation mode. */
export function tileDomain(mode: Normalization, scale: ColourScaleKind, layer: ChannelStats, channel: ChannelStats): [number, number] {
  return colourDomain(mode === 'layer' ? layer : channel, scale);
}

export interface TilePage {
  readonly page: number;
  readonly pageCount: number;
  /** First channel on the page (inclusive) and last (exclusive). */
  readonly start: number;
  readonly end: number;
}

/** Which channels a page shows; `page` is clamped into range. */
export function tilePage(channels: number, perPage: number, page: number): TilePage {
  const per = Math.max(1, Math.floor(perPage));
  const pageCount = Math.max(1, Math.ceil(channels / per));
  const p = Math.min(pageCount - 1, Math.max(0, Math.floor(page) || 0));
  return { page: p, pageCount, start: p * per, end: Math.min(channels, (p + 1) * per) };
}
