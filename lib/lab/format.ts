/**
 * Number formatting for the lab: short, readable, unit-bearing ("4.09 G MACs", "25.6 M params",
 * "12.3 ms", "38.2 GFLOP/s"). Three significant digits throughout: enough to compare layers,
 * few enough to read at a glance.
 */

const PREFIXES: ReadonlyArray<readonly [number, string]> = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Three significant digits, no exponent notation, trailing zeros kept only when meaningful. */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(a)));
  return x.toFixed(digits);
}

/** 4090000000 -> "4.09 G" ; 812 -> "812". */
export function siCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  for (const [v, p] of PREFIXES) if (a >= v) return `${sig3(n / v)} ${p}`;
  return Number.isInteger(n) ? String(n) : sig3(n);
}

export const formatMacs = (n: number): string => `${siCount(n)} MACs`;
export const formatFlops = (n: number): string => `${siCount(n)} FLOPs`;
export const formatParams = (n: number): string => `${siCount(n)} params`;

/** Milliseconds with a readable precision: 0.042 ms, 3.41 ms, 12.3 ms, 1,234 ms. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  return `${sig3(ms)} ms`;
}

/** Achieved throughput; the "G" is part of the unit name GFLOP/s, so no SI prefix here. */
export function formatGflops(g: number): string {
  if (!Number.isFinite(g)) return '–';
  return `${sig3(g)} GFLOP/s`;
}

export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = b;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${sig3(v)} ${units[i]}`;
}

/** 0.1234 -> "12.3%"; shares below 0.1% show as "<0.1%" rather than a misleading 0. */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${sig3(share * 100)}%`;
}

/** A signed relative difference, e.g. +34.1% or −5.0%. */
export function formatSignedPercent(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const s = sig3(Math.abs(x) * 100);
  return `${x < 0 ? '−' : '+'}${s}%`;
}
