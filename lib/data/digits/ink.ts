/**
 * Step 1 of the digit pad's preprocessing (centre.ts): strokes drawn, anti-aliased, into a
 * high-resolution square coverage map, white (1) on black (0). Pure code, no canvas, so the browser
 * and the tests draw the same pixels. InkRenderer does the same incrementally while the reader
 * draws: only the segments added since its last call are drawn, which gives the same map because
 * strokes combine by maximum (order does not matter).
 */

/** One point of a stroke, in the pad's unit square ((0, 0) top left, (1, 1) bottom right). */
export interface StrokePoint {
  readonly x: number;
  readonly y: number;
  /**
   * Pointer Events pressure in [0, 1] (optional): a pen's pressure widens or narrows the stroke.
   * Hardware without pressure reports 0.5 while a button is down (the Pointer Events spec), which
   * is the nominal width; missing means 0.5 too.
   */
  readonly pressure?: number;
}

export type Stroke = readonly StrokePoint[];

/**
 * The nominal pen radius as a fraction of the pad's side. A digit drawn across most of the pad
 * (about 0.7 of its height) then has strokes about 0.07 / 0.7 · 20 = 2 pixels wide after size
 * normalisation, as MNIST's are (their strokes are 2 to 3 pixels wide at 28×28).
 */
export const PEN_RADIUS = 0.035;

export interface RenderOptions {
  /** Side of the square coverage map, in pixels. Default 256 (about 13 source pixels per MNIST pixel). */
  readonly size?: number;
  /** Pen radius as a fraction of the side. Default PEN_RADIUS. */
  readonly radius?: number;
}

/** The radius factor for a pressure: 0.5 (or none) → 1; 0 → 0.5; 1 → 1.5. */
function pressureScale(p: number | undefined): number {
  if (p === undefined || !Number.isFinite(p)) return 1;
  return 0.5 + Math.min(1, Math.max(0, p));
}

/**
 * Strokes as an anti-aliased coverage map: Float32Array of size·size, row-major, values in [0, 1]
 * (1 = ink). Each segment is a capsule whose radius moves linearly between its end points'
 * (pressure); a pixel's coverage is its centre's distance inside the capsule's edge, clipped to one
 * pixel of ramp (the usual distance-based anti-aliasing), and overlapping strokes take the maximum,
 * so a crossing is not darker than a line. A single point is a dot.
 */
export function renderStrokes(strokes: readonly Stroke[], options: RenderOptions = {}): Float32Array {
  const size = options.size ?? 256;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`render size must be a positive integer, not ${size}`);
  const r0 = (options.radius ?? PEN_RADIUS) * size;
  const out = new Float32Array(size * size);
  for (const stroke of strokes) drawStroke(out, size, r0, stroke, 0);
  return out;
}

/**
 * The stroke's segments that end at point `from` or later (all of them for 0) into `out`; a
 * one-point stroke is a dot. Non-finite points are skipped.
 */
function drawStroke(out: Float32Array, size: number, r0: number, stroke: Stroke, from: number): void {
  const ok = (p: StrokePoint) => Number.isFinite(p.x) && Number.isFinite(p.y);
  const seg = (a: StrokePoint, b: StrokePoint) =>
    capsule(out, size, a.x * size, a.y * size, r0 * pressureScale(a.pressure), b.x * size, b.y * size, r0 * pressureScale(b.pressure));
  let last: StrokePoint | null = null;
  for (let i = 0; i < stroke.length; i++) {
    const p = stroke[i];
    if (!ok(p)) continue;
    if (i >= from) seg(last ?? p, p);
    last = p;
  }
}

/** One segment (a → b, radii ra → rb) into `out`, max-combined. Coordinates in pixels. */
function capsule(out: Float32Array, size: number, ax: number, ay: number, ra: number, bx: number, by: number, rb: number): void {
  const r = Math.max(ra, rb) + 1;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + r));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + r));
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      // The closest point of the segment to the pixel centre, as t in [0, 1].
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
      const cx = ax + t * dx - px;
      const cy = ay + t * dy - py;
      const cover = ra + t * (rb - ra) + 0.5 - Math.sqrt(cx * cx + cy * cy);
      if (cover > 0) {
        const v = cover >= 1 ? 1 : cover;
        const k = y * size + x;
        if (v > out[k]) out[k] = v;
      }
    }
  }
}

/**
 * renderStrokes for a drawing that grows: each call draws only what was added since the last one
 * (the points appended to the last stroke, new strokes) when the earlier strokes are the same
 * objects as before, as the pad's are; anything else (undo, clear) draws everything again.
 * render() returns the renderer's own map: read it before the next call.
 */
export class InkRenderer {
  readonly size: number;
  private readonly r0: number;
  private readonly map: Float32Array;
  private drawn: readonly Stroke[] = [];

  constructor(options: RenderOptions = {}) {
    this.size = options.size ?? 256;
    if (!Number.isInteger(this.size) || this.size < 1) throw new RangeError(`render size must be a positive integer, not ${this.size}`);
    this.r0 = (options.radius ?? PEN_RADIUS) * this.size;
    this.map = new Float32Array(this.size * this.size);
  }

  render(strokes: readonly Stroke[]): Float32Array {
    const prev = this.drawn;
    const grows =
      strokes.length >= prev.length &&
      prev.every((s, i) => (i < prev.length - 1 ? strokes[i] === s : s.length <= strokes[i].length && s.every((p, k) => strokes[i][k] === p)));
    if (!grows) this.map.fill(0);
    for (let i = grows ? Math.max(0, prev.length - 1) : 0; i < strokes.length; i++) {
      const from = grows && i === prev.length - 1 ? prev[i].length : 0;
      drawStroke(this.map, this.size, this.r0, strokes[i], from);
    }
    this.drawn = strokes;
    return this.map;
  }
}
