/** Most sources a block in the widgets can have: x0 plus 12 layers. */
export const MAX_SOURCES = 13;

/**
 * One categorical colour per source (x0 = 0, H1 = 1, …): Tableau 10 plus three, so neighbouring
 * bands stay distinguishable and a layer keeps its colour whatever L is. Mid-tones that read on a
 * white and on a slate-950 page alike.
 */
export const SOURCE_COLOURS = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#8cd17d',
  '#2f6fb0',
  '#b6992d',
  '#d37295',
] as const;

export function sourceColor(s: number): string {
  return SOURCE_COLOURS[Math.max(0, Math.min(s, MAX_SOURCES - 1))];
}
