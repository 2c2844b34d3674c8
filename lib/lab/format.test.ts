import { describe, expect, it } from 'vitest';
import { formatBytes, formatGflops, formatMacs, formatMs, formatParams, formatPercent, formatSignedPercent, siCount } from './format';

describe('format', () => {
  it('counts with SI prefixes and three significant digits', () => {
    expect(formatMacs(4.089e9)).toBe('4.09 G MACs');
    expect(formatParams(25_557_032)).toBe('25.6 M params');
    expect(siCount(812)).toBe('812');
    expect(siCount(1234)).toBe('1.23 K');
    expect(siCount(0)).toBe('0');
    expect(siCount(312e6)).toBe('312 M');
  });
  it('formats times, throughput, bytes and shares', () => {
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(3.4149)).toBe('3.41 ms');
    expect(formatMs(0.0423)).toBe('0.0423 ms');
    expect(formatMs(1234.5)).toBe('1,235 ms');
    expect(formatMs(NaN)).toBe('–');
    expect(formatGflops(38.24)).toBe('38.2 GFLOP/s');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25.0 MB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(0.0004)).toBe('<0.1%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatSignedPercent(0.341)).toBe('+34.1%');
    expect(formatSignedPercent(-0.05)).toBe('−5.00%');
  });
});
