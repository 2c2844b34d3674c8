/**
 * The data side of the lab's roofline chart: which steps are plotted where, the two roofs as a
 * polyline, and the axes' domains, all in data units (FLOP/byte against GFLOP/s) for D3's log
 * scales. Pure, so the placement rules are tested without a DOM.
 *
 * - A step with FLOPs sits at (intensity, attained GFLOP/s).
 * - A pure copy (concat, slice, shuffle: 0 FLOPs) has no place on a log intensity axis; it sits in
 *   a strip left of the axis at the height of the same fraction of the roof at the axis' left end,
 *   so "how close to the bandwidth roof" reads the same as for its neighbours.
 * - Views (0 bytes: flatten, dropout) and untimed steps are not plotted; `omitted` counts them.
 */
import type { Roofs } from '../arch/roofline';
import type { ProfileRow } from './profile-stats';

export interface RooflineDot {
  readonly row: ProfileRow;
  /** FLOP/byte; for strip dots, the axis' left end. */
  readonly x: number;
  /** GFLOP/s. */
  readonly y: number;
  /** In the 0-FLOP strip. */
  readonly strip: boolean;
}

export interface RooflineGeometry {
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** The roof from the left end to the right end through the ridge point, [FLOP/B, GFLOP/s]. */
  readonly roof: ReadonlyArray<readonly [number, number]>;
  readonly ridge: number;
  readonly dots: readonly RooflineDot[];
  /** Steps without a place: views (no bytes) and steps without a time. */
  readonly omitted: number;
}

const timed = (r: ProfileRow) => Number.isFinite(r.ms) && r.ms > 0;

export function rooflineGeometry(rows: readonly ProfileRow[], roofs: Roofs): RooflineGeometry {
  const ridge = roofs.peakGflops / roofs.peakGBps;
  const withFlops = rows.filter((r) => timed(r) && r.flops > 0 && r.bytes > 0 && Number.isFinite(r.intensity));
  const copies = rows.filter((r) => timed(r) && r.flops === 0 && r.bytes > 0);
  const xs = withFlops.map((r) => r.intensity);
  // A decade either side of the points, and always the ridge with room on both sides of it.
  const xLo = Math.min(ridge / 10, ...xs) / 2;
  const xHi = Math.max(ridge * 10, ...xs) * 2;
  const ys = withFlops.map((r) => r.gflops);
  const roofAt = (i: number) => Math.min(roofs.peakGflops, i * roofs.peakGBps);
  const stripY = (r: ProfileRow) => r.rooflineFraction * roofAt(xLo);
  const stripYs = copies.map(stripY).filter((y) => y > 0 && Number.isFinite(y));
  const yLo = Math.min(roofAt(xLo), ...ys, ...stripYs) / 2;
  // Above the roof too: on a busy machine the measured peak can come out below what a layer reached.
  const yHi = Math.max(roofs.peakGflops, ...ys) * 2;
  const dots: RooflineDot[] = [
    ...copies.filter((r) => stripY(r) > 0 && Number.isFinite(stripY(r))).map((row) => ({ row, x: xLo, y: stripY(row), strip: true })),
    ...withFlops.map((row) => ({ row, x: row.intensity, y: row.gflops, strip: false })),
  ];
  return {
    xDomain: [xLo, xHi],
    yDomain: [yLo, yHi],
    roof: [
      [xLo, roofAt(xLo)],
      [ridge, roofs.peakGflops],
      [xHi, roofs.peakGflops],
    ],
    ridge,
    dots,
    omitted: rows.length - dots.length,
  };
}

/** Dots in keyboard order: left to right by intensity (the strip first), then by name. */
export function keyboardOrder(dots: readonly RooflineDot[]): RooflineDot[] {
  return [...dots].sort((a, b) => Number(b.strip) - Number(a.strip) || a.x - b.x || a.row.name.localeCompare(b.row.name));
}
