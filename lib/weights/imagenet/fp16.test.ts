import { describe, expect, it } from 'vitest';
import { halfToFloat } from '../../runtime/weights/safetensors-dtypes';
import { parseSafetensors, writeSafetensors } from '../../runtime/weights/safetensors';
import { floatToHalf } from '../../runtime/weights/safetensors-writer';

// `--fp16` files store float tensors as IEEE 754 binary16 (torch's .half(): round to nearest even);
// the browser's reader turns them into float32 on load (safetensors-dtypes.ts decodeFloats). Every
// binary16 value is exactly a float32, so the conversion must be exact: these pin it bit by bit.
const CASES: [number, number, string][] = [
  [0x0000, 0, '+0'],
  [0x8000, -0, '-0'],
  [0x0001, 2 ** -24, 'smallest subnormal'],
  [0x8001, -(2 ** -24), 'smallest negative subnormal'],
  [0x0200, 2 ** -15, 'a subnormal power of two'],
  [0x03ff, 1023 * 2 ** -24, 'largest subnormal'],
  [0x0400, 2 ** -14, 'smallest normal'],
  [0x3555, 0.333251953125, 'nearest to 1/3'],
  [0x3bff, 1 - 2 ** -11, 'largest below 1'],
  [0x3c00, 1, 'one'],
  [0x3c01, 1 + 2 ** -10, 'next after one'],
  [0xc000, -2, 'minus two'],
  [0x7bff, 65504, 'largest finite'],
  [0xfbff, -65504, 'most negative finite'],
  [0x7c00, Infinity, '+Inf'],
  [0xfc00, -Infinity, '-Inf'],
];

function f16File(bits: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(bits.length * 2);
  const v = new DataView(bytes.buffer);
  bits.forEach((b, i) => v.setUint16(i * 2, b, true));
  return writeSafetensors([['w', { shape: [bits.length], bytes, dtype: 'F16' }]]);
}

describe('fp16 → fp32 on load', () => {
  it.each(CASES.map(([b, v, name]) => [`0x${b.toString(16).padStart(4, '0')}`, v, name, b] as const))('%s → %s (%s)', (_, value, _name, bits) => {
    expect(Object.is(halfToFloat(bits), value)).toBe(true);
  });

  it('NaN patterns (quiet, signalling, negative) decode to NaN', () => {
    for (const b of [0x7e00, 0x7c01, 0x7fff, 0xfe00, 0xfc01]) expect(halfToFloat(b)).toBeNaN();
  });

  it('an F16 tensor in a file reads back as exactly those float32 values, signs of zero included', () => {
    const file = parseSafetensors(f16File(CASES.map((c) => c[0])));
    const t = file.tensors.get('w')!;
    expect(t.dtype).toBe('F16');
    expect(Array.from(t.data!)).toEqual(CASES.map((c) => c[1]));
    expect(Object.is(t.data![1], -0)).toBe(true);
  });

  it('all 65,536 bit patterns: every non-NaN value is a float32 and encodes back to its own bits; order is kept', () => {
    let prev = -Infinity;
    for (let h = 0; h < 0x10000; h++) {
      const v = halfToFloat(h);
      if (Number.isNaN(v)) {
        expect((h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0, `0x${h.toString(16)}`).toBe(true);
        continue;
      }
      expect(Math.fround(v)).toBe(v);
      expect(floatToHalf(v)).toBe(h);
      // Positive patterns increase with their bits.
      if (h > 0 && h < 0x7c00) {
        expect(v).toBeGreaterThan(prev);
        prev = v;
      }
    }
  });

  it('decoding a whole file matches decoding one value at a time', () => {
    const bits = Array.from({ length: 0x10000 }, (_, i) => i);
    const got = parseSafetensors(f16File(bits)).tensors.get('w')!.data!;
    for (let h = 0; h < 0x10000; h++) {
      const want = halfToFloat(h);
      if (Number.isNaN(want)) expect(got[h]).toBeNaN();
      else expect(Object.is(got[h], want), `0x${h.toString(16)}`).toBe(true);
    }
  });
});
