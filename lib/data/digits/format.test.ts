import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { DIGITS_HEADER_BYTES, DigitsFormatError, decodeDigits, encodeDigits, type DigitsFormatRule } from './format';

/** A small valid file: 3 train + 2 test images of 1×2×2, 4 classes. */
function tiny(): Uint8Array {
  return encodeDigits({
    train: { pixels: Uint8Array.from({ length: 12 }, (_, i) => i * 20), labels: Uint8Array.of(0, 3, 1) },
    test: { pixels: Uint8Array.of(255, 0, 1, 2, 3, 4, 5, 6), labels: Uint8Array.of(2, 2) },
    seed: 7,
    channels: 1,
    height: 2,
    width: 2,
    classes: 4,
  });
}

function rule(bytes: Uint8Array): DigitsFormatRule | 'none' {
  try {
    decodeDigits(bytes);
    return 'none';
  } catch (e) {
    expect(e).toBeInstanceOf(DigitsFormatError);
    expect((e as Error).message).toMatch(/^digits asset [a-z-]+: /);
    return (e as DigitsFormatError).rule;
  }
}

/** The file with one header field rewritten and the checksum left as it was. */
function patch(bytes: Uint8Array, f: (v: DataView) => void): Uint8Array {
  const b = bytes.slice();
  f(new DataView(b.buffer));
  return b;
}

describe('digits asset format', () => {
  it('crc32 is the standard CRC-32 (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('round-trips header, labels and pixels, train first', () => {
    const bytes = tiny();
    expect(bytes.length).toBe(DIGITS_HEADER_BYTES + 5 + 5 * 4);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('LWDG');
    const d = decodeDigits(bytes);
    expect(d.header).toMatchObject({ version: 1, trainCount: 3, testCount: 2, channels: 1, height: 2, width: 2, classes: 4, seed: 7 });
    expect([...d.train.labels]).toEqual([0, 3, 1]);
    expect([...d.test.labels]).toEqual([2, 2]);
    expect([...d.train.pixels]).toEqual(Array.from({ length: 12 }, (_, i) => i * 20));
    expect([...d.test.pixels]).toEqual([255, 0, 1, 2, 3, 4, 5, 6]);
    // Labels come before pixels, train before test.
    expect([...bytes.subarray(32, 37)]).toEqual([0, 3, 1, 2, 2]);
    expect(encodeDigits({ ...d, seed: d.header.seed, channels: 1, height: 2, width: 2, classes: 4 })).toEqual(bytes);
  });

  it('decodes a file that sits at an offset inside a larger buffer', () => {
    const bytes = tiny();
    const big = new Uint8Array(bytes.length + 10);
    big.set(bytes, 5);
    expect(decodeDigits(big.subarray(5, 5 + bytes.length)).header.trainCount).toBe(3);
  });

  it('refuses bad files with the rule they break', () => {
    const good = tiny();
    expect(rule(good)).toBe('none');
    expect(rule(new Uint8Array(0))).toBe('too-short');
    expect(rule(good.subarray(0, 31))).toBe('too-short');
    expect(rule(new TextEncoder().encode('<!DOCTYPE html><html><body>Not found</body></html>'))).toBe('magic');
    expect(rule(patch(good, (v) => v.setUint16(4, 2, true)))).toBe('version');
    expect(rule(patch(good, (v) => v.setUint16(6, 64, true)))).toBe('header');
    expect(rule(patch(good, (v) => v.setUint16(18, 0, true)))).toBe('dims');
    expect(rule(good.subarray(0, good.length - 1))).toBe('truncated');
    expect(rule(good.subarray(0, 40))).toBe('truncated');
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    expect(rule(longer)).toBe('trailing-bytes');
    expect(rule(patch(good, (v) => v.setUint8(good.length - 1, 99)))).toBe('checksum');
    expect(rule(patch(good, (v) => v.setUint32(8, 4, true)))).toBe('truncated');
  });

  it('refuses a label at or above the class count even with a matching checksum', () => {
    const b = tiny().slice();
    b[32] = 9;
    new DataView(b.buffer).setUint32(28, crc32(b.subarray(32)), true);
    expect(rule(b)).toBe('label');
  });

  it('a truncated file names both sizes', () => {
    const good = tiny();
    expect(() => decodeDigits(good.subarray(0, 50))).toThrow(/50 bytes, the header promises 57/);
  });

  it('refuses inconsistent input to encode', () => {
    const px = new Uint8Array(4);
    expect(() =>
      encodeDigits({ train: { pixels: px, labels: Uint8Array.of(0, 1) }, test: { pixels: px, labels: Uint8Array.of(0) }, seed: 1, height: 2, width: 2 }),
    ).toThrow(/train: 4 pixel bytes for 2 labels/);
    expect(() =>
      encodeDigits({
        train: { pixels: px, labels: Uint8Array.of(10) },
        test: { pixels: new Uint8Array(0), labels: new Uint8Array(0) },
        seed: 1,
        height: 2,
        width: 2,
      }),
    ).toThrow(/label 10 at index 0/);
    expect(() =>
      encodeDigits({
        train: { pixels: px, labels: Uint8Array.of(0) },
        test: { pixels: new Uint8Array(0), labels: new Uint8Array(0) },
        seed: -1,
        height: 2,
        width: 2,
      }),
    ).toThrow(/seed must be an integer/);
  });
});
