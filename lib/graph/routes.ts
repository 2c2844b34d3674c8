/**
 * SVG path data for the three ways an edge is drawn (layout.ts decides which):
 * - straight: consecutive items on the same vertical line;
 * - curve: items in different columns (parallel branches), drawn orthogonally so the long vertical
 *   run stays in the side column instead of cutting across the main path (ShuffleNet's identity
 *   half, ResNet's downsample, the SE squeeze path);
 * - arc: items on the same vertical line with something in between (DenseNet's dense connections,
 *   skips into the middle of an expanded block): a bracket on the side, from the source's side to
 *   the target's side, in a lane outside the column.
 */
import type { Rect } from './types';

const r1 = (v: number) => Math.round(v * 10) / 10;

export function straightPath(a: Rect, b: Rect): string {
  const x = a.x + a.width / 2;
  return `M${r1(x)},${r1(a.y + a.height)}L${r1(b.x + b.width / 2)},${r1(b.y)}`;
}

/**
 * An edge between columns, drawn orthogonally with rounded corners so it never cuts diagonally
 * across the main path:
 * - bendNearSource (going out to a side column): leave the source from its side, run across, then
 *   down into the target's top;
 * - otherwise (coming back from a side column): run down the side column, then turn into the
 *   target's side at its middle (the merge node is entered from the branch's side).
 * Falls back to an S-curve when the two are too close for that.
 */
export function curvePath(a: Rect, b: Rect, bendNearSource: boolean): string {
  const ax = a.x + a.width / 2;
  const bx = b.x + b.width / 2;
  const r = 10;
  if (bendNearSource) {
    const sy = a.y + a.height / 2;
    const dir = Math.sign(bx - ax);
    const sx = dir > 0 ? a.x + a.width : a.x;
    if ((bx - sx) * dir > r && b.y - sy > r) {
      return `M${r1(sx)},${r1(sy)}L${r1(bx - dir * r)},${r1(sy)}Q${r1(bx)},${r1(sy)} ${r1(bx)},${r1(sy + r)}L${r1(bx)},${r1(b.y)}`;
    }
  } else {
    const sy = a.y + a.height;
    const ey = b.y + b.height / 2;
    const dir = Math.sign(bx - ax);
    const ex = dir > 0 ? b.x : b.x + b.width;
    if ((ex - ax) * dir > r && ey - sy > r) {
      return `M${r1(ax)},${r1(sy)}L${r1(ax)},${r1(ey - r)}Q${r1(ax)},${r1(ey)} ${r1(ax + dir * r)},${r1(ey)}L${r1(ex)},${r1(ey)}`;
    }
  }
  return sCurve(ax, a.y + a.height, bx, b.y);
}

function sCurve(x1: number, y1: number, x2: number, y2: number): string {
  const m = Math.max(20, (y2 - y1) / 2);
  return `M${r1(x1)},${r1(y1)}C${r1(x1)},${r1(y1 + m)} ${r1(x2)},${r1(y2 - m)} ${r1(x2)},${r1(y2)}`;
}

/** laneX: the x of the vertical run; side 'left' leaves and enters the items on their left side. */
export function arcPath(a: Rect, b: Rect, laneX: number, side: 'left' | 'right'): string {
  const x1 = side === 'left' ? a.x : a.x + a.width;
  const x2 = side === 'left' ? b.x : b.x + b.width;
  const y1 = a.y + a.height / 2;
  const y2 = b.y + b.height / 2;
  const r = Math.max(0, Math.min(12, (y2 - y1) / 2));
  const s = side === 'left' ? -1 : 1;
  // Horizontal to just before the lane, a quarter turn, down the lane, a quarter turn, back in.
  return (
    `M${r1(x1)},${r1(y1)}L${r1(laneX - s * r)},${r1(y1)}Q${r1(laneX)},${r1(y1)} ${r1(laneX)},${r1(y1 + r)}` +
    `L${r1(laneX)},${r1(y2 - r)}Q${r1(laneX)},${r1(y2)} ${r1(laneX - s * r)},${r1(y2)}L${r1(x2)},${r1(y2)}`
  );
}
