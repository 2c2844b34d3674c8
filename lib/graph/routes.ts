/**
 * SVG path data for the three ways an edge is drawn (layout.ts decides which):
 * - straight: consecutive items on the same vertical line;
 * - curve: items in different columns (parallel branches). The curve bends near the end that is
 *   off the main line, so the long vertical run stays in the side column instead of cutting
 *   diagonally across the main path (ShuffleNet's identity half, ResNet's downsample);
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

/** bendNearSource: turn right after leaving the source (going out to a side column). */
export function curvePath(a: Rect, b: Rect, bendNearSource: boolean): string {
  const x1 = a.x + a.width / 2;
  const y1 = a.y + a.height;
  const x2 = b.x + b.width / 2;
  const y2 = b.y;
  const dy = y2 - y1;
  if (dy <= 0) {
    // Not expected in a top-down layout; a plain S-curve keeps the edge visible anyway.
    return `M${r1(x1)},${r1(y1)}C${r1(x1)},${r1(y1 + 30)} ${r1(x2)},${r1(y2 - 30)} ${r1(x2)},${r1(y2)}`;
  }
  const k = Math.min(dy, 48);
  if (bendNearSource) {
    const yb = y1 + k;
    return `M${r1(x1)},${r1(y1)}C${r1(x1)},${r1(y1 + k / 2)} ${r1(x2)},${r1(y1 + k / 2)} ${r1(x2)},${r1(yb)}${yb < y2 ? `L${r1(x2)},${r1(y2)}` : ''}`;
  }
  const ya = y2 - k;
  return `M${r1(x1)},${r1(y1)}${ya > y1 ? `L${r1(x1)},${r1(ya)}` : ''}C${r1(x1)},${r1(y2 - k / 2)} ${r1(x2)},${r1(y2 - k / 2)} ${r1(x2)},${r1(y2)}`;
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
