/**
 * The effective receptive field of one output unit, from its input gradient, against the
 * theoretical field of the spec (lib/arch/receptive-field.ts). Pure arithmetic, no tfjs: the
 * gradient is computed by effective-rf-run.ts and arrives here as a plain H×W map.
 *
 * Luo, Li, Urtasun & Zemel 2016, "Understanding the Effective Receptive Field in Deep
 * Convolutional Neural Networks" (NeurIPS), define a unit's effective receptive field as the
 * input pixels' impact on it, |∂y/∂x|, and show that it is roughly Gaussian and occupies only a
 * fraction of the theoretical field, a fraction that shrinks with depth (as 1/√n for n stacked
 * layers, their Sec. 2). The gradient map here is theirs for one image: |∂y/∂x| summed over the
 * input's colour channels (they average over many images as well).
 *
 * The one size this module reports, and the UI states in words, is a mass extent:
 *
 *   effective extent, per axis = the central interval of the gradient's marginal distribution
 *   along that axis that holds `fraction` (95 %) of the gradient mass: cut (1 − fraction)/2 of
 *   the mass off each side.
 *
 * For a Gaussian of standard deviation σ that is 2 · 1.96σ ≈ 3.9σ; for a 3×3 kernel of equal
 * weights it is the whole 3 pixels. The ratio effective / theoretical compares it with the
 * theoretical field clipped to the image (padding has no pixels, so no gradient can lie there),
 * per axis, and as one number, the square root of the ratio of the two areas.
 */
import type { Pair } from '../arch/ir';
import { cellBox, type Field } from '../arch/receptive-field';

/** An input box [y0, x0, y1, x1], inclusive, in pixels of the model's input. */
export type Box = readonly [y0: number, x0: number, y1: number, x1: number];

/** |∂y/∂x| summed over the input channels, row-major height × width (the model's input size). */
export interface GradientMap {
  readonly data: Float32Array;
  readonly height: number;
  readonly width: number;
}

/** The share of the gradient mass the effective extent holds. */
export const MASS_FRACTION = 0.95;

/**
 * What one effective field costs, in fused forward passes of the same model on one thread, for the
 * run guard's estimate: the unfused forward to the logits plus the backward to the input, measured
 * on wasm at 224 (scripts/bench-erf.ts, one thread): 3.4× (ShuffleNet v2 1.0, DenseNet-121, load
 * 7–15) to 4.7× (ResNeXt-50) and 6.35× (ResNet-50, load 3, 2026-12-02) a fused forward. ResNeXt's
 * grouped convolutions are differentiated in their 'split' form on wasm (lib/explain/request.ts
 * gradientGroupConv; 'packed' measured 25×).
 */
export const EFFECTIVE_FIELD_PASSES = 7;

/**
 * The same on `threads` WASM threads: XNNPACK splits the forward's convolutions over the pool, but
 * the backward's kernels that are not XNNPACK's (the gradients of split, concat, pad, the
 * element-wise ops) run on one thread, so against a forward up to `threads`× faster the field costs
 * up to `threads`× more passes. From above, so a long field is asked about, never sprung on the reader.
 */
export function effectiveFieldPasses(threads = 1): number {
  return EFFECTIVE_FIELD_PASSES * Math.max(1, Math.floor(threads));
}

/** [height, width] of an inclusive box. */
export function boxSize(b: Box): Pair {
  return [b[2] - b[0] + 1, b[3] - b[1] + 1];
}

function check(g: GradientMap): void {
  if (g.data.length !== g.height * g.width) throw new Error(`gradient map has ${g.data.length} values, ${g.height}×${g.width} needs ${g.height * g.width}`);
}

/** Largest value and total mass of a gradient map (NaN-free by construction of |·|). */
export function gradientPeak(g: GradientMap): { peak: number; total: number } {
  check(g);
  let peak = 0;
  let total = 0;
  for (const v of g.data) {
    if (v > peak) peak = v;
    total += v;
  }
  return { peak, total };
}

/**
 * The bounding box of the pixels whose gradient is above `rel` × the peak (rel = 0: every
 * nonzero pixel, the gradient's support). Null when the gradient is zero everywhere.
 */
export function gradientFootprint(g: GradientMap, rel = 0): Box | null {
  const { peak } = gradientPeak(g);
  if (!(peak > 0)) return null;
  const cut = rel * peak;
  let y0 = g.height;
  let x0 = g.width;
  let y1 = -1;
  let x1 = -1;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      if (g.data[y * g.width + x] > cut) {
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
      }
    }
  }
  return [y0, x0, y1, x1];
}

/** Row and column sums (the marginal distributions along each axis). */
export function marginals(g: GradientMap): { rows: Float64Array; cols: Float64Array } {
  check(g);
  const rows = new Float64Array(g.height);
  const cols = new Float64Array(g.width);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const v = g.data[y * g.width + x];
      rows[y] += v;
      cols[x] += v;
    }
  }
  return { rows, cols };
}

/**
 * The central interval [lo, hi] of a 1-D mass that holds at least `fraction` of it: lo is the
 * first index where the mass from the left passes (1 − fraction)/2 of the total, hi the last
 * where the mass from the right does. Null for no mass.
 */
export function centralInterval(mass: ArrayLike<number>, fraction = MASS_FRACTION): [number, number] | null {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  let total = 0;
  for (let i = 0; i < mass.length; i++) total += mass[i];
  if (!(total > 0)) return null;
  const tail = ((1 - fraction) / 2) * total;
  let lo = 0;
  for (let acc = 0; lo < mass.length; lo++) {
    acc += mass[lo];
    if (acc > tail) break;
  }
  let hi = mass.length - 1;
  for (let acc = 0; hi >= 0; hi--) {
    acc += mass[hi];
    if (acc > tail) break;
  }
  return [lo, hi];
}

export interface MassExtent {
  /** The central `fraction` of the mass along rows × along columns. */
  readonly box: Box;
  readonly size: Pair;
  /** Centre of mass [y, x], pixels (fractional). */
  readonly centre: readonly [number, number];
  readonly fraction: number;
}

/** The effective extent (see the header). Null when the gradient is zero everywhere. */
export function massExtent(g: GradientMap, fraction = MASS_FRACTION): MassExtent | null {
  const { rows, cols } = marginals(g);
  const r = centralInterval(rows, fraction);
  const c = centralInterval(cols, fraction);
  if (!r || !c) return null;
  const mean = (m: Float64Array) => {
    let s = 0;
    let w = 0;
    m.forEach((v, i) => {
      s += v * i;
      w += v;
    });
    return s / w;
  };
  const box: Box = [r[0], c[0], r[1], c[1]];
  return { box, size: boxSize(box), centre: [mean(rows), mean(cols)], fraction };
}

export interface TheoreticalBox {
  /** The cell's field clipped to the image. */
  readonly box: Box;
  /** Its size on the image. */
  readonly size: Pair;
  /** The field's own size (unclipped; may exceed the image). */
  readonly rf: Pair;
  /** Per axis: the field is larger than the image (it covers the whole side). */
  readonly larger: readonly [boolean, boolean];
  /** Part of the field lies outside the image (in the padding). */
  readonly clipped: boolean;
  /** A global pool (or anything after one): every pixel. */
  readonly global: boolean;
}

/** Cell (y, x)'s theoretical field on an image of size [h, w] (lib/arch's cellBox, with what it cut). */
export function theoreticalBox(f: Field, cell: Pair, image: Pair): TheoreticalBox {
  const box = cellBox(f, cell, image) as Box;
  const size = boxSize(box);
  const rf: Pair = f.global ? image : f.rf;
  return {
    box,
    size,
    rf,
    larger: [rf[0] > image[0], rf[1] > image[1]],
    clipped: !f.global && (size[0] < rf[0] || size[1] < rf[1]),
    global: f.global,
  };
}

/** Centre [y, x] of cell's field (unclipped), in input pixels; null for a global field. */
export function fieldCentre(f: Field, cell: Pair): [number, number] | null {
  if (f.global) return null;
  return [f.start[0] + cell[0] * f.jump[0] + (f.rf[0] - 1) / 2, f.start[1] + cell[1] * f.jump[1] + (f.rf[1] - 1) / 2];
}

export interface FieldRatio {
  /** Effective ÷ theoretical height. */
  readonly rows: number;
  /** Effective ÷ theoretical width. */
  readonly cols: number;
  /** √(effective area ÷ theoretical area): the ratio of the sides of squares of the same areas. */
  readonly side: number;
}

export function fieldRatio(effective: Pair, theoretical: Pair): FieldRatio {
  if (theoretical[0] <= 0 || theoretical[1] <= 0) throw new RangeError(`theoretical size must be positive, got ${theoretical.join('×')}`);
  const rows = effective[0] / theoretical[0];
  const cols = effective[1] / theoretical[1];
  return { rows, cols, side: Math.sqrt(rows * cols) };
}

/** Share of the gradient mass outside a box (0 for a field computed right: nothing else can reach the cell). */
export function massOutside(g: GradientMap, b: Box): number {
  let inside = 0;
  let total = 0;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const v = g.data[y * g.width + x];
      total += v;
      if (y >= b[0] && y <= b[2] && x >= b[1] && x <= b[3]) inside += v;
    }
  }
  return total > 0 ? (total - inside) / total : 0;
}

export interface EffectiveFieldSummary {
  readonly theoretical: TheoreticalBox;
  /** The gradient's support (nonzero pixels); null when it is zero everywhere. */
  readonly footprint: Box | null;
  readonly extent: MassExtent | null;
  /** Effective extent ÷ theoretical size on the image; null without gradient. */
  readonly ratio: FieldRatio | null;
  readonly peak: number;
  readonly total: number;
  /** Share of the mass outside the theoretical box. */
  readonly outside: number;
}

/** Everything the read-out states about one unit's two fields. */
export function summarizeField(g: GradientMap, f: Field, cell: Pair, fraction = MASS_FRACTION): EffectiveFieldSummary {
  const theoretical = theoreticalBox(f, cell, [g.height, g.width]);
  const { peak, total } = gradientPeak(g);
  const extent = massExtent(g, fraction);
  return {
    theoretical,
    footprint: gradientFootprint(g),
    extent,
    ratio: extent ? fieldRatio(extent.size, theoretical.size) : null,
    peak,
    total,
    outside: massOutside(g, theoretical.box),
  };
}
