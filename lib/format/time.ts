/**
 * Durations, always in milliseconds (the unit tf.time() and performance.now() report), so two
 * numbers on the same page are never in different units: 0.0423 ms, 3.41 ms, 12.3 ms, 123 ms,
 * 1,235 ms. Three significant digits below one second; from 1000 ms up, whole milliseconds with
 * grouping (a run that long is not measured more precisely than that).
 */
import { formatInt, formatSig, isFiniteNumber, NO_VALUE, roundSig } from './number';

export function formatMs(ms: number | null | undefined): string {
  if (!isFiniteNumber(ms)) return NO_VALUE;
  if (roundSig(Math.abs(ms)) >= 1000) return `${formatInt(ms)} ms`;
  return `${formatSig(ms)} ms`;
}

/** Achieved throughput. The "G" belongs to the unit name GFLOP/s, so no further prefix: "38.2 GFLOP/s". */
export function formatGflops(g: number | null | undefined): string {
  if (!isFiniteNumber(g)) return NO_VALUE;
  return `${formatSig(g)} GFLOP/s`;
}

/** Achieved memory bandwidth, 1 GB = 10⁹ bytes (as bytes.ts): "12.3 GB/s". */
export function formatGBps(g: number | null | undefined): string {
  if (!isFiniteNumber(g)) return NO_VALUE;
  return `${formatSig(g)} GB/s`;
}

/** Arithmetic intensity, FLOPs per byte: "19.2 FLOP/B". */
export function formatIntensity(i: number | null | undefined): string {
  if (!isFiniteNumber(i)) return NO_VALUE;
  return `${formatSig(i)} FLOP/B`;
}
