/**
 * The number primitives every formatter in lib/format builds on.
 *
 * Conventions (one set for the whole site, the CLI and the benchmark scripts):
 * - a value that is not a finite number (NaN, ±Infinity, null, undefined) is shown as
 *   `NO_VALUE`, an em dash, never as "NaN" or "Infinity";
 * - negative numbers use the typographic minus sign (U+2212), which lines up with the digits in
 *   tabular figures and is read as "minus" by screen readers;
 * - "three significant digits" is the default precision: enough to compare two layers or two
 *   models, few enough to read at a glance. Exact integers are shown in full where a reader may
 *   want to check them against a paper (`formatInt`).
 * - thousands are grouped with commas (en-US), as in the papers the lessons cite.
 */

/** What every formatter prints for a missing or non-finite value. */
export const NO_VALUE = '—';

const MINUS = '−';

export function isFiniteNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** `x` rounded to `digits` significant digits (as a number; 0 stays 0). */
export function roundSig(x: number, digits = 3): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/**
 * `x` to `digits` significant digits, without exponent notation and without grouping:
 * 0.0423 → "0.0423", 3.4149 → "3.41", 12.34 → "12.3", 9.996 → "10.0", 0 → "0". The integer
 * part is never rounded away (1234.5 → "1235", not "1230"): a column of milliseconds keeps
 * whole milliseconds. Trailing zeros are kept (1.5 → "1.50"): they say how precise it is.
 */
export function formatSig(x: number | null | undefined, digits = 3): string {
  if (!isFiniteNumber(x)) return NO_VALUE;
  if (x === 0) return '0';
  const a = Math.abs(x);
  const magnitude = Math.floor(Math.log10(roundSig(a, digits)));
  const decimals = Math.min(20, Math.max(0, digits - 1 - magnitude));
  const s = a.toFixed(decimals);
  return `${x < 0 && Number(s) !== 0 ? MINUS : ''}${s}`;
}

/** "1.00" → "1", "2.50" → "2.5", "120" → "120": for axis ticks, where trailing zeros are noise. */
export function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A whole number with thousands grouped: 25557032 → "25,557,032" (rounded to the nearest integer). */
export function formatInt(n: number | null | undefined): string {
  if (!isFiniteNumber(n)) return NO_VALUE;
  const r = Math.round(Math.abs(n));
  return `${n < 0 && r !== 0 ? MINUS : ''}${r.toLocaleString('en-US')}`;
}

/** A number with a fixed number of decimals, grouped: formatFixed(0.752, 2) → "0.75". */
export function formatFixed(x: number | null | undefined, decimals: number): string {
  if (!isFiniteNumber(x)) return NO_VALUE;
  const s = Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `${x < 0 && Number(s.replace(/,/g, '')) !== 0 ? MINUS : ''}${s}`;
}

/** A factor: formatRatio(2.414) → "2.41×". */
export function formatRatio(x: number | null | undefined, digits = 3): string {
  if (!isFiniteNumber(x)) return NO_VALUE;
  return `${formatSig(x, digits)}×`;
}
