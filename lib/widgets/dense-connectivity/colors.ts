import { interpolateTurbo } from 'd3';

/** Most sources a block in the widgets can have: x0 plus 12 layers. */
export const MAX_SOURCES = 13;

/**
 * The colour of source s (x0 = 0, H1 = 1, …), fixed whatever L is so a layer keeps its colour while
 * the reader changes the depth. Turbo's ends are too dark on a dark page, so they are cut off.
 */
export function sourceColor(s: number): string {
  const t = 0.1 + (0.8 * Math.min(s, MAX_SOURCES - 1)) / (MAX_SOURCES - 1);
  return interpolateTurbo(t);
}
