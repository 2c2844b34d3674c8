/**
 * Counts (parameters, multiply-accumulates, FLOPs, output elements) with SI prefixes.
 *
 * Prefixes are decimal and SI-spelled: k = 10³ (lower-case, as SI writes it), M = 10⁶, G = 10⁹,
 * T = 10¹². Three significant digits after the prefix ("25.6 M", "4.09 G", "812"), with a space
 * between number and prefix. The prefix is chosen after rounding, so a value that rounds up to
 * 1000 moves to the next prefix: 999.95 → "1.00 k", 999,999 → "1.00 M", never "1000 k".
 * Counts below 1000 that are whole numbers are shown exactly ("812", "0").
 */
import { formatInt, formatSig, isFiniteNumber, NO_VALUE, roundSig, trimZeros } from './number';

const PREFIXES: ReadonlyArray<readonly [number, string]> = [
  [1, ''],
  [1e3, 'k'],
  [1e6, 'M'],
  [1e9, 'G'],
  [1e12, 'T'],
];

/**
 * `n` scaled to the largest SI prefix that keeps it at or above 1 after rounding to `digits`
 * significant digits. Shared by counts and bytes, so both roll over at the same boundaries.
 */
export function withPrefix(n: number, { digits = 3, trim = false }: CountOptions = {}): { readonly text: string; readonly prefix: string } {
  const a = Math.abs(n);
  let i = 0;
  while (i < PREFIXES.length - 1 && roundSig(a / PREFIXES[i][0], digits) >= 1000) i++;
  const [scale, prefix] = PREFIXES[i];
  const text = i === 0 && Number.isInteger(n) ? formatInt(n) : formatSig(n / scale, digits);
  return { text: trim ? trimZeros(text) : text, prefix };
}

export interface CountOptions {
  /** Significant digits (default 3). */
  readonly digits?: number;
  /** Drop trailing zeros ("1 k", "2.5 M"): for axis and legend ticks, which are round numbers. */
  readonly trim?: boolean;
}

/** 25557032 → "25.6 M"; 4089184256 → "4.09 G"; 812 → "812"; NaN → "—". */
export function formatCount(n: number | null | undefined, options?: CountOptions): string {
  if (!isFiniteNumber(n)) return NO_VALUE;
  const { text, prefix } = withPrefix(n, options);
  return prefix ? `${text} ${prefix}` : text;
}

/** The short count and, from 1000 up, the exact one: "1.23 M (1,234,567)". */
export function formatCountExact(n: number | null | undefined): string {
  if (!isFiniteNumber(n)) return NO_VALUE;
  return Math.abs(n) >= 1000 ? `${formatCount(n)} (${formatInt(n)})` : formatCount(n);
}

/** Counts with their unit name: "4.09 G MACs", "25.6 M params", "8.18 G FLOPs". */
export const formatMacs = (n: number | null | undefined): string => (isFiniteNumber(n) ? `${formatCount(n)} MACs` : NO_VALUE);
export const formatParams = (n: number | null | undefined): string => (isFiniteNumber(n) ? `${formatCount(n)} params` : NO_VALUE);
export const formatFlops = (n: number | null | undefined): string => (isFiniteNumber(n) ? `${formatCount(n)} FLOPs` : NO_VALUE);

/**
 * A count in millions with fixed decimals and the "M" suffix the papers' tables print, for
 * columns set beside those tables' numbers: 144_876_000 → "144.9M" (ShuffleNet v2 Table 5,
 * MnasNet Table 1). Everywhere else use formatCount.
 */
export function formatMillions(n: number | null | undefined, decimals = 1): string {
  if (!isFiniteNumber(n)) return NO_VALUE;
  return `${n < 0 ? '−' : ''}${Math.abs(n / 1e6).toFixed(decimals)}M`;
}
