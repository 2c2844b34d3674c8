/**
 * Keyboard movement in the digit pad's test-digit grid (components/digits/TestDigitGrid.tsx): a
 * page of `columns` × rows cells over a list of test-digit indices (all 2,000, or one class). Pure,
 * so the keys are tested without a browser. The grid is one radio group with a roving tabindex
 * (WAI-ARIA Authoring Practices, "Radio Group" and "Grid" patterns): arrows move and select,
 * Home/End go to the first/last cell of the row, Ctrl+Home/End to the first/last digit of the
 * list, PageUp/PageDown a page back or on (to the same cell of that page).
 */

export interface GridShape {
  /** Digits in the (filtered) list. */
  readonly count: number;
  readonly columns: number;
  /** Cells per page (a multiple of `columns`). */
  readonly pageSize: number;
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

const KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export function isGridKey(key: string): key is GridKey {
  return KEYS.has(key);
}

/**
 * The position (in the list) a key moves to from `at`, clamped to the list (no wrap-around: the
 * ends are where a reader expects to stop). `ctrl` turns Home/End into the list's ends.
 */
export function moveInGrid(at: number, key: GridKey, shape: GridShape, ctrl = false): number {
  const { count, columns, pageSize } = shape;
  if (count <= 0) return 0;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  const rowStart = at - (at % columns);
  switch (key) {
    case 'ArrowLeft':
      return clamp(at - 1);
    case 'ArrowRight':
      return clamp(at + 1);
    case 'ArrowUp':
      return at - columns >= 0 ? at - columns : at;
    case 'ArrowDown':
      return at + columns < count ? at + columns : at;
    case 'Home':
      return ctrl ? 0 : rowStart;
    case 'End':
      return ctrl ? count - 1 : clamp(rowStart + columns - 1);
    case 'PageUp':
      return clamp(at - pageSize);
    case 'PageDown':
      return clamp(at + pageSize);
  }
}

/** The page a position is on. */
export function pageOf(at: number, pageSize: number): number {
  return Math.max(0, Math.floor(at / pageSize));
}

export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/** Test-digit indices of one class (0–9), in split order, or all of them for null. */
export function digitsOfClass(labels: ArrayLike<number>, digit: number | null): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (digit === null || labels[i] === digit) out.push(i);
  return out;
}
