/**
 * A drawn digit made into an MNIST digit: pure code, no canvas, no tfjs, so the pad, the lab and
 * the tests all get the same 28×28 input from the same strokes.
 *
 * MNIST's preprocessing (LeCun, Cortes and Burges, "The MNIST database of handwritten digits",
 * http://yann.lecun.com/exdb/mnist/): "The original black and white (bilevel) images from NIST were
 * size normalized to fit in a 20x20 pixel box while preserving their aspect ratio. The resulting
 * images contain grey levels as a result of the anti-aliasing technique used by the normalization
 * algorithm. the images were centered in a 28x28 image by computing the center of mass of the
 * pixels, and translating the image so as to position this point at the center of the 28x28 field."
 *
 * The steps here, in that order:
 *   1. renderStrokes: the strokes, anti-aliased, into a high-resolution square (default 256²)
 *      coverage map, white (1) on black (0);
 *   2. the ink's bounding box;
 *   3. the box scaled so that its longer side is 20 pixels, the shorter in proportion, by exact
 *      area averaging (a box filter: every output pixel is the mean of the source area it covers),
 *      which gives MNIST's anti-aliased grey levels;
 *   4. the centre of mass of that 20-pixel digit, and the whole-pixel translation that puts it at
 *      (14, 14) of the 28×28 field.
 *
 * "The centre" is (14, 14) in pixel-index coordinates (pixel (x, y) sits at x, y): that is where
 * the dataset's digits have theirs (the 2,000 test digits of lib/data/digits: mean (14.0, 14.0),
 * none farther than 1 pixel, every bounding box exactly 20 pixels on its long side; centre.test.ts
 * checks the same of the output). A whole-pixel shift, as MNIST's (a sub-pixel shift would blur the
 * digit a second time), leaves the centre of mass within half a pixel of (14, 14).
 */
import { renderStrokes, type RenderOptions, type Stroke } from './ink';

export { InkRenderer, PEN_RADIUS, renderStrokes, type RenderOptions, type Stroke, type StrokePoint } from './ink';

/** MNIST's field and box (the MNIST page). */
export const FIELD = 28;
export const BOX = 20;
/** Where the centre of mass goes, in pixel-index coordinates. */
export const CENTRE = FIELD / 2;

/** A box in pixels: left, top, width, height. */
export interface PixelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What centreDigit made, and how (the pad draws the box and the centre of mass over the digit). */
export interface CentredDigit {
  /** 28×28, row-major, [0, 1], white on black: the model's input. */
  readonly pixels: Float32Array;
  /** Where the size-normalised digit lies in the 28×28 field (its long side is 20, unless clipped). */
  readonly box: PixelBox;
  /** Its centre of mass in the field, pixel-index coordinates (within half a pixel of (14, 14)). */
  readonly centre: { readonly x: number; readonly y: number };
  /** Output pixels per source pixel. */
  readonly scale: number;
  /** The ink's bounding box in the source map. */
  readonly source: PixelBox;
}

/** Below this much ink (in source pixels of full coverage) the input counts as empty. */
const MIN_INK = 1e-3;

/**
 * The MNIST digit for a coverage map (`width`·`height`, row-major, 0 = background, 1 = ink):
 * null when there is no ink at all (an empty pad gets a hint, not a prediction). Values are scaled
 * so that the darkest pixel is 1, as in the dataset (mean darkest value 0.9996 over the test split):
 * a digit drawn very large would otherwise come out faint, its strokes thinner than a pixel.
 */
export function centreDigit(map: Float32Array, width: number, height: number): CentredDigit | null {
  if (map.length !== width * height) throw new RangeError(`a ${width}×${height} map has ${width * height} values, not ${map.length}`);
  // 2. The ink's bounding box (and whether there is any).
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  let ink = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = map[y * width + x];
      if (!(v > 0)) continue; // NaN and negatives are no ink
      ink += v;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (ink < MIN_INK) return null;
  const sw = x1 - x0 + 1;
  const sh = y1 - y0 + 1;

  // 3. Long side → 20 pixels, aspect kept (the short side rounded, at least 1 pixel).
  const scale = BOX / Math.max(sw, sh);
  const w = Math.max(1, Math.min(BOX, Math.round(sw * scale)));
  const h = Math.max(1, Math.min(BOX, Math.round(sh * scale)));
  const small = areaResample(map, width, x0, y0, sw, sh, w, h);

  // 4. Centre of mass of the small digit, then the whole-pixel shift that puts it at (14, 14).
  let m = 0;
  let mx = 0;
  let my = 0;
  let peak = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      m += v;
      mx += v * x;
      my += v * y;
      if (v > peak) peak = v;
    }
  }
  const ox = Math.round(CENTRE - mx / m);
  const oy = Math.round(CENTRE - my / m);
  const pixels = new Float32Array(FIELD * FIELD);
  let fm = 0;
  let fx = 0;
  let fy = 0;
  for (let y = 0; y < h; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= FIELD) continue; // MNIST's field clips too: a lopsided digit can reach past it
    for (let x = 0; x < w; x++) {
      const tx = x + ox;
      if (tx < 0 || tx >= FIELD) continue;
      const v = small[y * w + x] / peak;
      pixels[ty * FIELD + tx] = v;
      fm += v;
      fx += v * tx;
      fy += v * ty;
    }
  }
  return {
    pixels,
    box: { x: ox, y: oy, width: w, height: h },
    centre: { x: fx / fm, y: fy / fm },
    scale,
    source: { x: x0, y: y0, width: sw, height: sh },
  };
}

/**
 * The source rectangle (x0, y0, sw × sh) of `map` (row stride `stride`) averaged down (or up) to
 * w × h: output pixel (i, j) is the mean over the source area [x0 + i·sw/w, x0 + (i+1)·sw/w) ×
 * [y0 + j·sh/h, …), with partial source pixels weighted by the part covered. Separable: the weights
 * of each axis are computed once.
 */
function areaResample(map: Float32Array, stride: number, x0: number, y0: number, sw: number, sh: number, w: number, h: number): Float32Array {
  const wx = axisWeights(sw, w);
  const wy = axisWeights(sh, h);
  // Rows first: tmp[sy][i] = Σ_sx map · wx[i][sx].
  const tmp = new Float32Array(sh * w);
  for (let sy = 0; sy < sh; sy++) {
    const row = (y0 + sy) * stride + x0;
    for (let i = 0; i < w; i++) {
      const { from, weights } = wx[i];
      let s = 0;
      for (let k = 0; k < weights.length; k++) s += map[row + from + k] * weights[k];
      tmp[sy * w + i] = s;
    }
  }
  const out = new Float32Array(w * h);
  for (let j = 0; j < h; j++) {
    const { from, weights } = wy[j];
    for (let i = 0; i < w; i++) {
      let s = 0;
      for (let k = 0; k < weights.length; k++) s += tmp[(from + k) * w + i] * weights[k];
      out[j * w + i] = s;
    }
  }
  return out;
}

/** For each of `n` output pixels over `src` source pixels: the first source pixel and the weights (summing to 1). */
function axisWeights(src: number, n: number): { from: number; weights: Float64Array }[] {
  const step = src / n;
  return Array.from({ length: n }, (_, i) => {
    const a = i * step;
    const b = (i + 1) * step;
    const from = Math.floor(a);
    const to = Math.min(src, Math.ceil(b));
    const weights = new Float64Array(to - from);
    for (let s = from; s < to; s++) weights[s - from] = (Math.min(b, s + 1) - Math.max(a, s)) / step;
    return { from, weights };
  });
}

/** Strokes to the model's 28×28 input (steps 1 to 4); null when nothing is drawn. */
export function digitFromStrokes(strokes: readonly Stroke[], options: RenderOptions = {}): CentredDigit | null {
  const size = options.size ?? 256;
  return centreDigit(renderStrokes(strokes, options), size, size);
}
