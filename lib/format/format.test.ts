import { describe, expect, it } from 'vitest';
import {
  NO_VALUE,
  formatBytes,
  formatCount,
  formatCountExact,
  formatFixed,
  formatFlops,
  formatGBps,
  formatGflops,
  formatInt,
  formatIntensity,
  formatMacs,
  formatMillions,
  formatMs,
  formatParams,
  formatPercent,
  formatRatio,
  formatShape,
  formatSig,
  formatSignedPercent,
} from '.';

const NOT_NUMBERS = [NaN, Infinity, -Infinity, null, undefined];

describe('lib/format', () => {
  it('shows an em dash, never NaN or Infinity, for every formatter', () => {
    const all = [
      formatSig,
      formatInt,
      formatCount,
      formatCountExact,
      formatMacs,
      formatParams,
      formatFlops,
      formatBytes,
      formatMs,
      formatGflops,
      formatGBps,
      formatIntensity,
      formatPercent,
      formatSignedPercent,
      formatRatio,
    ];
    for (const f of all) for (const x of NOT_NUMBERS) expect(f(x as number), `${f.name}(${x})`).toBe(NO_VALUE);
    expect(formatFixed(NaN, 2)).toBe('—');
  });

  it('significant digits without exponents, trailing zeros kept', () => {
    expect(formatSig(0)).toBe('0');
    expect(formatSig(0.0423)).toBe('0.0423');
    expect(formatSig(3.4149)).toBe('3.41');
    expect(formatSig(12.34)).toBe('12.3');
    expect(formatSig(1234.5)).toBe('1235');
    expect(formatSig(1.5)).toBe('1.50');
    expect(formatSig(9.996)).toBe('10.0');
    expect(formatSig(-0.5)).toBe('−0.500');
    expect(formatSig(1e-7)).toBe('0.000000100');
  });

  it('whole numbers grouped, negatives with a minus sign', () => {
    expect(formatInt(25_557_032)).toBe('25,557,032');
    expect(formatInt(0)).toBe('0');
    expect(formatInt(-1234)).toBe('−1,234');
    expect(formatInt(-0.2)).toBe('0');
    expect(formatInt(2.5)).toBe('3');
    expect(formatFixed(0.752, 2)).toBe('0.75');
    expect(formatFixed(-1234.5, 1)).toBe('−1,234.5');
    expect(formatFixed(-0.001, 2)).toBe('0.00');
  });

  it('counts: SI prefixes, three significant digits, promoted across a boundary after rounding', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(812)).toBe('812');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(999.95)).toBe('1.00 k');
    expect(formatCount(1000)).toBe('1.00 k');
    expect(formatCount(1234)).toBe('1.23 k');
    expect(formatCount(99_950)).toBe('100 k');
    expect(formatCount(999_499)).toBe('999 k');
    expect(formatCount(999_500)).toBe('1.00 M');
    expect(formatCount(25_557_032)).toBe('25.6 M');
    expect(formatCount(4.089e9)).toBe('4.09 G');
    expect(formatCount(2.5e12)).toBe('2.50 T');
    expect(formatCount(3e15)).toBe('3000 T');
    expect(formatCount(-25_557_032)).toBe('−25.6 M');
    expect(formatCount(-12)).toBe('−12');
    expect(formatCount(12.345)).toBe('12.3');
    expect(formatCount(1234, { digits: 4 })).toBe('1.234 k');
    expect(formatCount(1000, { trim: true })).toBe('1 k');
    expect(formatCount(2.5e6, { trim: true })).toBe('2.5 M');
    expect(formatCount(120, { trim: true })).toBe('120');
  });

  it('counts with units and with the exact value', () => {
    expect(formatMacs(4.089e9)).toBe('4.09 G MACs');
    expect(formatParams(25_557_032)).toBe('25.6 M params');
    expect(formatFlops(8.18e9)).toBe('8.18 G FLOPs');
    expect(formatCountExact(1_234_567)).toBe('1.23 M (1,234,567)');
    expect(formatCountExact(999)).toBe('999');
    expect(formatMillions(144_876_000)).toBe('144.9M');
    expect(formatMillions(2_278_604, 2)).toBe('2.28M');
    expect(formatMillions(-1.5e6)).toBe('−1.5M');
    expect(formatMillions(NaN)).toBe('—');
  });

  it('bytes are SI: kB = 1000 B, MB = 10^6 B', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.00 kB');
    expect(formatBytes(1024)).toBe('1.02 kB');
    expect(formatBytes(1_048_576)).toBe('1.05 MB');
    expect(formatBytes(25_600_000)).toBe('25.6 MB');
    expect(formatBytes(999_999)).toBe('1.00 MB');
    expect(formatBytes(3.2e9)).toBe('3.20 GB');
  });

  it('durations are always in milliseconds', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(0.0423)).toBe('0.0423 ms');
    expect(formatMs(3.4149)).toBe('3.41 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(123.4)).toBe('123 ms');
    expect(formatMs(999.6)).toBe('1,000 ms');
    expect(formatMs(1234.5)).toBe('1,235 ms');
    expect(formatMs(-2)).toBe('−2.00 ms');
    expect(formatGflops(38.24)).toBe('38.2 GFLOP/s');
    expect(formatGBps(12.34)).toBe('12.3 GB/s');
    expect(formatIntensity(19.2)).toBe('19.2 FLOP/B');
  });

  it('percentages from fractions', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(0.0004)).toBe('<0.1%');
    expect(formatPercent(0.001)).toBe('0.100%');
    expect(formatPercent(0.99996)).toBe('100%');
    expect(formatPercent(-0.05)).toBe('−5.00%');
    expect(formatPercent(0.1234, 2)).toBe('12%');
    expect(formatSignedPercent(0.341)).toBe('+34.1%');
    expect(formatSignedPercent(-0.05)).toBe('−5.00%');
    expect(formatSignedPercent(0)).toBe('±0%');
  });

  it('ratios and shapes', () => {
    expect(formatRatio(2.414)).toBe('2.41×');
    expect(formatRatio(1)).toBe('1.00×');
    expect(formatShape([24, 56, 56])).toBe('24×56×56');
    expect(formatShape([])).toBe('');
  });
});
