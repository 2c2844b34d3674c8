/**
 * Writes .safetensors files that follow the format's rules (used by tests, the fuzz and the
 * CLI's tooling; the Python twin is scripts/py/export_safetensors.py): tensors laid out in the
 * given order from byte 0 with no gaps, the header padded with spaces so the data region starts
 * on an 8-byte boundary (as the reference writer does).
 */
import { DTYPE_BYTES, type SafetensorsDtype } from './safetensors-dtypes';
import { numel } from './types';

/** float32 values, stored as F32 (default), F64, F16 or BF16; or raw bytes of any dtype. */
export type WritableTensor =
  | { readonly shape: readonly number[]; readonly data: Float32Array; readonly dtype?: 'F32' | 'F64' | 'F16' | 'BF16' }
  | { readonly shape: readonly number[]; readonly bytes: Uint8Array; readonly dtype: SafetensorsDtype };

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → IEEE binary16 bits, round to nearest even (overflow to ±Inf, NaN kept NaN). */
export function floatToHalf(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = m & ((1 << shift) - 1);
    let h = m >>> shift;
    if (rest > half || (rest === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
  return sign | h;
}

/** float32 → bfloat16 bits (the top half), round to nearest even, NaN kept NaN. */
export function floatToBf16(v: number): number {
  f32[0] = v;
  const x = u32[0];
  if ((x & 0x7f800000) === 0x7f800000 && x & 0x7fffff) return (x >>> 16) | 0x40;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

function encode(t: WritableTensor): { dtype: SafetensorsDtype; bytes: Uint8Array } {
  if ('bytes' in t) {
    const want = numel(t.shape) * (DTYPE_BYTES.get(t.dtype) as number);
    if (t.bytes.length !== want) throw new Error(`writeSafetensors: ${t.dtype} [${t.shape.join(', ')}] needs ${want} bytes, got ${t.bytes.length}`);
    return { dtype: t.dtype, bytes: t.bytes };
  }
  const dtype = t.dtype ?? 'F32';
  const n = t.data.length;
  if (n !== numel(t.shape)) throw new Error(`writeSafetensors: shape [${t.shape.join(', ')}] holds ${numel(t.shape)} values, data has ${n}`);
  const out = new Uint8Array(n * (DTYPE_BYTES.get(dtype) as number));
  const dv = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    if (dtype === 'F32') dv.setFloat32(i * 4, t.data[i], true);
    else if (dtype === 'F64') dv.setFloat64(i * 8, t.data[i], true);
    else if (dtype === 'F16') dv.setUint16(i * 2, floatToHalf(t.data[i]), true);
    else dv.setUint16(i * 2, floatToBf16(t.data[i]), true);
  }
  return { dtype, bytes: out };
}

/** A .safetensors file holding `tensors` in iteration order, plus string `metadata`. */
export function writeSafetensors(tensors: Iterable<readonly [string, WritableTensor]>, metadata?: Readonly<Record<string, string>>): Uint8Array {
  // A Map, not an object: a tensor named "__proto__" must be written as a key like any other.
  const header = new Map<string, unknown>();
  if (metadata) header.set('__metadata__', metadata);
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [key, t] of tensors) {
    if (key === '__metadata__') throw new Error('writeSafetensors: "__metadata__" is reserved for the metadata');
    if (header.has(key)) throw new Error(`writeSafetensors: duplicate tensor name ${JSON.stringify(key)}`);
    const { dtype, bytes } = encode(t);
    header.set(key, { dtype, shape: [...t.shape], data_offsets: [offset, offset + bytes.length] });
    parts.push(bytes);
    offset += bytes.length;
  }
  const json = '{' + [...header].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',') + '}';
  const enc = new TextEncoder().encode(json);
  const padded = enc.length + ((8 - ((8 + enc.length) % 8)) % 8);
  const out = new Uint8Array(8 + padded + offset);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, padded % 4294967296, true);
  dv.setUint32(4, Math.floor(padded / 4294967296), true);
  out.set(enc, 8);
  out.fill(0x20, 8 + enc.length, 8 + padded);
  let p = 8 + padded;
  for (const b of parts) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}
