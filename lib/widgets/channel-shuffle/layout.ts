/**
 * Where the channel-shuffle figure draws every channel position: one row for the input and four
 * per unit (split, branches, concat, shuffle), each slot at an x from a D3 band scale, plus the
 * boxes that stand for the convolution branches. Pure: the component only renders it.
 */
import { scaleBand } from 'd3-scale';
import type { ShuffleTrace, Slot, UnitStep } from './logic';

/** Geometry of the SVG, in its own units. */
export const SHUFFLE_FIGURE = { W: 360, X0: 86, X1: 360 - 8, TOP: 26, ROW: 34, GAP: 14 } as const;
const { X0, X1, TOP, ROW, GAP } = SHUFFLE_FIGURE;

/** Colour of original channel k of n: equal perceived lightness, legible on light and dark. */
export function hue(k: number, n: number): string {
  return `oklch(0.62 0.17 ${Math.round((k * 360) / n + 25) % 360})`;
}

export interface Row {
  readonly label: string;
  readonly unit: number;
  /** What the row shows: the input, or one of a unit's four steps. */
  readonly step: 'input' | UnitStep;
  /** A split row of a unit without split (stride 2): every channel feeds every branch. */
  readonly whole: boolean;
  readonly slots: readonly { slot: Slot; x: number }[];
}

export interface BranchBox {
  readonly unit: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly text: string;
}

export interface ShuffleLayout {
  readonly rows: readonly Row[];
  readonly boxes: readonly BranchBox[];
}

export function shuffleLayout(trace: ShuffleTrace): ShuffleLayout {
  const full = (n: number) =>
    scaleBand<number>()
      .domain(Array.from({ length: n }, (_, i) => i))
      .range([X0, X1]);
  const at = (n: number, i: number) => {
    const s = full(n);
    return (s(i) ?? 0) + s.bandwidth() / 2;
  };
  const rows: Row[] = [
    { label: 'input', unit: 0, step: 'input', whole: false, slots: trace.units[0].input.map((slot, i, a) => ({ slot, x: at(a.length, i) })) },
  ];
  const boxes: BranchBox[] = [];
  trace.units.forEach((u, ui) => {
    const unit = ui + 1;
    const n = u.concat.length;
    const nl = u.left.length;
    const leftX = (j: number) => at(n, j) - GAP / 2;
    const rightX = (j: number) => at(n, nl + j) + GAP / 2;
    const rSplit = rows.length;
    if (u.kind === 'basic') {
      rows.push({
        label: `unit ${unit} · split`,
        unit,
        step: 'split',
        whole: false,
        slots: [...u.left.map((slot, j) => ({ slot, x: leftX(j) })), ...u.branchIn.map((slot, j) => ({ slot, x: rightX(j) }))],
      });
    } else {
      rows.push({ label: `unit ${unit} · no split`, unit, step: 'split', whole: true, slots: u.input.map((slot, i, a) => ({ slot, x: at(a.length, i) })) });
    }
    rows.push({
      label: 'branches',
      unit,
      step: 'branch',
      whole: false,
      slots: [...u.left.map((slot, j) => ({ slot, x: leftX(j) })), ...u.right.map((slot, j) => ({ slot, x: rightX(j) }))],
    });
    const y0 = TOP + rSplit * ROW + 7;
    const y1 = TOP + (rSplit + 1) * ROW - 7;
    const right = { unit, x0: rightX(0) - 8, x1: rightX(u.right.length - 1) + 8, y0, y1 };
    if (u.kind === 'basic') {
      boxes.push({ ...right, text: '1×1 · 3×3 DW · 1×1' });
    } else {
      boxes.push({ unit, x0: leftX(0) - 8, x1: leftX(nl - 1) + 8, y0, y1, text: '3×3 DW s2 · 1×1' });
      boxes.push({ ...right, text: '1×1 · 3×3 DW s2 · 1×1' });
    }
    rows.push({ label: 'concat', unit, step: 'concat', whole: false, slots: u.concat.map((slot, i) => ({ slot, x: at(n, i) })) });
    rows.push({
      label: trace.shuffle ? 'shuffle' : 'no shuffle',
      unit,
      step: 'shuffle',
      whole: false,
      slots: u.output.map((slot, i) => ({ slot, x: at(n, i) })),
    });
  });
  return { rows, boxes };
}

/** A vertical S-curve from (x0, y0) to (x1, y1). */
export function strandPath(x0: number, y0: number, x1: number, y1: number): string {
  const m = (y0 + y1) / 2;
  return `M${x0},${y0} C${x0},${m} ${x1},${m} ${x1},${y1}`;
}
