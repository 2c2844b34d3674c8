/**
 * One set of number formatters for the site, the CLI (`npm run arch`) and the benchmark scripts.
 * Framework-free and pure. Conventions, each documented in its module:
 * - missing / NaN / ±Infinity → "—" (NO_VALUE); negatives with "−" (number.ts);
 * - counts: SI prefixes k, M, G, T (decimal), three significant digits (count.ts);
 * - bytes: SI, kB = 1000 B, MB = 10⁶ B (bytes.ts);
 * - durations: always milliseconds (time.ts);
 * - shares: fractions in, "12.3%" out (percent.ts).
 */
export { NO_VALUE, formatFixed, formatInt, formatRatio, formatSig, isFiniteNumber, roundSig, trimZeros } from './number';
export { formatCount, formatCountExact, formatFlops, formatMacs, formatMillions, formatParams, withPrefix, type CountOptions } from './count';
export { formatBytes } from './bytes';
export { formatGBps, formatGflops, formatIntensity, formatMs } from './time';
export { formatPercent, formatSignedPercent } from './percent';
export { formatShape } from './shape';
