/**
 * Shares and relative differences. Inputs are fractions (0.123 = 12.3%); output has three
 * significant digits and no space before "%": "12.3%", "0.50%", "100%".
 */
import { formatSig, isFiniteNumber, NO_VALUE } from './number';

/** 0.1234 → "12.3%". A positive share below 0.1% is "<0.1%", not a misleading "0%". */
export function formatPercent(share: number | null | undefined, digits = 3): string {
  if (!isFiniteNumber(share)) return NO_VALUE;
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${formatSig(share * 100, digits)}%`;
}

/** A signed relative difference: +34.1%, −5.00%, ±0%. */
export function formatSignedPercent(x: number | null | undefined, digits = 3): string {
  if (!isFiniteNumber(x)) return NO_VALUE;
  if (x === 0) return '±0%';
  return `${x < 0 ? '−' : '+'}${formatSig(Math.abs(x) * 100, digits)}%`;
}
