/**
 * A confusion matrix as a heat map: D3 computes each cell's colour from its share of the row (the
 * share of true `t`s predicted as `p`), React draws the table (components/lab/ConfusionMatrix.tsx).
 * Correct cells (the diagonal) and errors use two sequential scales, so a strong off-diagonal
 * cell (a 4 read as a 9) stands out as much as a strong diagonal.
 */
import { interpolateBlues, interpolateOranges, lab, scaleSequential } from 'd3';

export interface ConfusionCell {
  readonly count: number;
  /** count / row total (0 for an empty row). */
  readonly share: number;
  /** CSS colour of the cell, or null when the count is 0 (no fill). */
  readonly fill: string | null;
  /**
   * Text colour with at least 4.5:1 contrast on the fill (WCAG AA): white below CIELAB L* 50,
   * black from there (white on L* 50 is 4.5:1, black on L* 49 is 4.6:1).
   */
  readonly ink: 'dark' | 'light';
}

const correct = scaleSequential(interpolateBlues).domain([0, 1]);
// Errors rarely pass half a row; the scale saturates there so a 10 % confusion is still visible.
const wrong = scaleSequential(interpolateOranges).domain([0, 0.5]).clamp(true);

/** confusion[true][predicted] counts → cells with shares and colours. */
export function confusionCells(confusion: readonly (readonly number[])[]): ConfusionCell[][] {
  return confusion.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count, p) => {
      const share = total ? count / total : 0;
      if (count === 0) return { count, share, fill: null, ink: 'dark' as const };
      // A floor keeps a single error visible on a light page.
      const fill = t === p ? correct(0.15 + 0.85 * share) : wrong(0.05 + share);
      return { count, share, fill, ink: lab(fill).l < 50 ? ('light' as const) : ('dark' as const) };
    });
  });
}

/** Per-class recall (share of each true class predicted correctly). */
export function classRecall(confusion: readonly (readonly number[])[]): number[] {
  return confusion.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total ? row[t] / total : 0;
  });
}
