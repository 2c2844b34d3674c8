/**
 * Does the ranking by FLOPs agree with the ranking by measured time? Pure helpers for /compare.
 */
export interface Measured {
  readonly id: string;
  readonly macs: number;
  readonly ms: number;
}

/** 1-based ranks (ties share the lower rank), smallest value first. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  order.forEach(([v, i], k) => {
    out[i] = k > 0 && order[k - 1][0] === v ? out[order[k - 1][1]] : k + 1;
  });
  return out;
}

/** Kendall's tau-a between two equally long lists: 1 = same order, −1 = reversed. */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`kendallTau: lists differ in length (${a.length} vs ${b.length})`);
  const n = a.length;
  if (n < 2) return 1;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(a[i] - a[j]) * Math.sign(b[i] - b[j]);
  return s / ((n * (n - 1)) / 2);
}

/** Pairs of models that FLOPs order one way and the clock the other. */
export function inversions(rows: readonly Measured[]): Array<[Measured, Measured]> {
  const out: Array<[Measured, Measured]> = [];
  for (let i = 0; i < rows.length; i++)
    for (let j = 0; j < rows.length; j++) {
      const a = rows[i];
      const b = rows[j];
      if (a.macs < b.macs && a.ms > b.ms) out.push([a, b]);
    }
  return out;
}
