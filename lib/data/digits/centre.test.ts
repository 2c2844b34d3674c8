import { describe, expect, it } from 'vitest';
import { BOX, CENTRE, FIELD, InkRenderer, centreDigit, digitFromStrokes, renderStrokes, type Stroke, type StrokePoint } from './centre';
import { loadDigitsNode } from './node';

/** Centre of mass (pixel-index coordinates) and ink bounding box of a 28×28 digit. */
function measure(px: Float32Array, side = FIELD) {
  let m = 0;
  let sx = 0;
  let sy = 0;
  let x0 = side;
  let y0 = side;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const v = px[y * side + x];
      if (v <= 0) continue;
      m += v;
      sx += v * x;
      sy += v * y;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  return { cx: sx / m, cy: sy / m, w: x1 - x0 + 1, h: y1 - y0 + 1, x0, y0 };
}

/** A filled axis-aligned rectangle in a size² map (pixel units). */
function rect(size: number, x: number, y: number, w: number, h: number): Float32Array {
  const m = new Float32Array(size * size);
  for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) m[j * size + i] = 1;
  return m;
}

describe('centreDigit (MNIST: 20×20 box, aspect kept, centre of mass at (14, 14))', () => {
  it('a centred square stays centred and fills the 20×20 box', () => {
    const d = centreDigit(rect(100, 30, 30, 40, 40), 100, 100)!;
    const s = measure(d.pixels);
    expect(s.w).toBe(BOX);
    expect(s.h).toBe(BOX);
    // A 20-pixel square's centre of mass is at 9.5 + offset: the whole-pixel shift puts it at 13.5 or 14.5.
    expect(Math.abs(s.cx - CENTRE)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - CENTRE)).toBeLessThanOrEqual(0.5);
    expect(d.box).toEqual({ x: s.x0, y: s.y0, width: 20, height: 20 });
    // Full coverage stays full: white on black, in [0, 1].
    expect(Math.max(...d.pixels)).toBe(1);
    expect(Math.min(...d.pixels)).toBe(0);
  });

  it('an off-centre stroke is moved so that its centre of mass is at (14, 14) within a pixel', () => {
    const stroke: Stroke = [
      { x: 0.05, y: 0.1 },
      { x: 0.3, y: 0.2 },
      { x: 0.12, y: 0.35 },
    ];
    const d = digitFromStrokes([stroke])!;
    const s = measure(d.pixels);
    expect(Math.abs(s.cx - CENTRE)).toBeLessThan(0.5);
    expect(Math.abs(s.cy - CENTRE)).toBeLessThan(0.5);
    expect(d.centre.x).toBeCloseTo(s.cx, 5);
    expect(d.centre.y).toBeCloseTo(s.cy, 5);
    expect(Math.max(s.w, s.h)).toBe(BOX);
    // The same stroke drawn elsewhere on the pad (by whole source pixels: 128 and 96 of 256) gives the same digit.
    const moved = digitFromStrokes([stroke.map((p) => ({ x: p.x + 0.5, y: p.y + 0.375 }))])!;
    let diff = 0;
    for (let i = 0; i < FIELD * FIELD; i++) diff = Math.max(diff, Math.abs(moved.pixels[i] - d.pixels[i]));
    expect(diff).toBeLessThan(1e-4);
  });

  it('keeps the aspect ratio: a tall bar stays tall and thin', () => {
    // 10 × 60 source pixels → 20 tall, 10/60 · 20 = 3.33 → 3 wide.
    const d = centreDigit(rect(80, 50, 10, 10, 60), 80, 80)!;
    const s = measure(d.pixels);
    expect(s.h).toBe(20);
    expect(s.w).toBe(3);
    expect(d.scale).toBeCloseTo(20 / 60, 10);
    // Wide: 60 × 15 → 20 × 5.
    const wide = measure(centreDigit(rect(80, 5, 40, 60, 15), 80, 80)!.pixels);
    expect([wide.w, wide.h]).toEqual([20, 5]);
  });

  it('anti-aliases: a drawn ring comes out with grey levels, as MNIST digits do', () => {
    const ring: Stroke = Array.from({ length: 41 }, (_, i) => ({
      x: 0.5 + 0.25 * Math.sin((i / 40) * 2 * Math.PI),
      y: 0.5 + 0.35 * Math.cos((i / 40) * 2 * Math.PI),
    }));
    const d = digitFromStrokes([ring])!;
    const greys = [...d.pixels].filter((v) => v > 0.05 && v < 0.95);
    const full = [...d.pixels].filter((v) => v >= 0.95);
    expect(greys.length).toBeGreaterThan(20);
    expect(full.length).toBeGreaterThan(20);
    // A "0": hollow in the middle, ink on the rim.
    expect(d.pixels[14 * FIELD + 14]).toBe(0);
    for (const v of d.pixels) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('empty input is no digit (null), never NaN', () => {
    expect(centreDigit(new Float32Array(64 * 64), 64, 64)).toBeNull();
    expect(digitFromStrokes([])).toBeNull();
    expect(digitFromStrokes([[]])).toBeNull();
    // NaN and negative values are not ink.
    const bad = new Float32Array(16).fill(Number.NaN);
    bad[3] = -1;
    expect(centreDigit(bad, 4, 4)).toBeNull();
    // Non-finite points are skipped, not drawn at (NaN, NaN).
    expect(digitFromStrokes([[{ x: Number.NaN, y: 0.5 }]])).toBeNull();
    expect(() => centreDigit(new Float32Array(10), 4, 4)).toThrow(/4×4 map has 16 values/);
  });

  it('a single tap is a dot: still a digit, centred, no NaN', () => {
    const d = digitFromStrokes([[{ x: 0.9, y: 0.1 }]])!;
    expect(d.pixels.every(Number.isFinite)).toBe(true);
    const s = measure(d.pixels);
    expect(Math.abs(s.cx - CENTRE)).toBeLessThan(0.5);
    expect(Math.abs(s.cy - CENTRE)).toBeLessThan(0.5);
  });

  it('a dataset digit, drawn again at 8× resolution, comes back as itself', () => {
    // The test split's digits are already MNIST-normalised (long side 20, centre of mass at 14),
    // so normalising one again must change next to nothing: this ties our steps to the dataset's.
    const { test } = loadDigitsNode();
    const k = 8;
    const side = FIELD * k;
    let worst = 0;
    for (const index of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 37, 1999]) {
      const px = test.images.subarray(index * 784, (index + 1) * 784);
      const big = new Float32Array(side * side);
      for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) big[y * side + x] = px[Math.floor(y / k) * FIELD + Math.floor(x / k)];
      const d = centreDigit(big, side, side)!;
      const a = measure(px);
      const b = measure(d.pixels);
      expect(Math.max(b.w, b.h)).toBe(20);
      expect(Math.abs(b.cx - a.cx)).toBeLessThanOrEqual(1);
      expect(Math.abs(b.cy - a.cy)).toBeLessThanOrEqual(1);
      let sad = 0;
      for (let i = 0; i < 784; i++) sad += Math.abs(d.pixels[i] - px[i]);
      worst = Math.max(worst, sad / a.w / a.h);
    }
    // Mean absolute difference per pixel of the digit's box, worst of the twelve.
    expect(worst).toBeLessThan(0.01);
  });
});

describe('renderStrokes', () => {
  it('draws an anti-aliased capsule of the pen radius, max-combined', () => {
    const size = 100;
    const map = renderStrokes(
      [
        [
          { x: 0.2, y: 0.503 },
          { x: 0.8, y: 0.503 },
        ],
      ],
      { size, radius: 0.05 },
    );
    // Along the middle row, full ink from 20 - 5 to 80 + 5; nothing far away.
    expect(map[50 * size + 50]).toBe(1);
    expect(map[50 * size + 16]).toBe(1);
    expect(map[10 * size + 50]).toBe(0);
    // Edge pixels are grey (anti-aliased), none above 1.
    const column = Array.from({ length: size }, (_, y) => map[y * size + 50]);
    expect(column.some((v) => v > 0 && v < 1)).toBe(true);
    expect(Math.max(...map)).toBe(1);
    // A crossing stroke does not add up past 1.
    const cross = renderStrokes(
      [
        [
          { x: 0.2, y: 0.5 },
          { x: 0.8, y: 0.5 },
        ],
        [
          { x: 0.5, y: 0.2 },
          { x: 0.5, y: 0.8 },
        ],
      ],
      { size, radius: 0.05 },
    );
    expect(Math.max(...cross)).toBe(1);
  });

  it('pressure widens the stroke: 1 → 1.5× the nominal radius, 0 → 0.5×', () => {
    const width = (pressure: number) => {
      const m = renderStrokes([[{ x: 0.5, y: 0.5, pressure }]], { size: 200, radius: 0.05 });
      return Array.from({ length: 200 }, (_, x) => m[100 * 200 + x]).reduce((a, v) => a + v, 0);
    };
    expect(width(0.5)).toBeCloseTo(20, 0);
    expect(width(1)).toBeCloseTo(30, 0);
    expect(width(0)).toBeCloseTo(10, 0);
  });
});

describe('InkRenderer (the pad draws while the reader draws)', () => {
  it('drawing point by point, stroke by stroke, gives the same map as rendering it all at once; undo redraws', () => {
    const ink = new InkRenderer({ size: 96 });
    const a: StrokePoint[] = Array.from({ length: 30 }, (_, i) => ({ x: 0.2 + i * 0.02, y: 0.3 + 0.2 * Math.sin(i / 4), pressure: i % 2 ? 0.3 : 0.8 }));
    const b: StrokePoint[] = [
      { x: 0.7, y: 0.1 },
      { x: 0.6, y: 0.9 },
    ];
    let strokes: Stroke[] = [];
    // As DrawPad emits them: earlier strokes kept as they are, the last one a longer copy each time.
    for (let n = 1; n <= a.length; n++) {
      strokes = [a.slice(0, n)];
      ink.render(strokes);
    }
    for (let n = 1; n <= b.length; n++) ink.render((strokes = [strokes[0], b.slice(0, n)]));
    expect([...ink.render(strokes)]).toEqual([...renderStrokes([a, b], { size: 96 })]);
    // Undo (a new, shorter list): everything is drawn again.
    expect([...ink.render([strokes[0]])]).toEqual([...renderStrokes([a], { size: 96 })]);
    expect(ink.render([]).every((v) => v === 0)).toBe(true);
  });
});
