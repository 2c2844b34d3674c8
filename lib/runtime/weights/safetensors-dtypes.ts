/**
 * The safetensors dtypes (the format's list, as the reference `safetensors::Dtype` names them)
 * with their sizes, and the decoders of the float ones into float32, the runtime's only dtype.
 *
 * Lookups go through a Map: a dtype read from a file such as "toString" or "__proto__" is not in
 * it (an object literal with `in` would find them on the prototype).
 */

export type SafetensorsDtype = 'BOOL' | 'U8' | 'I8' | 'F8_E5M2' | 'F8_E4M3' | 'I16' | 'U16' | 'F16' | 'BF16' | 'I32' | 'U32' | 'F32' | 'F64' | 'I64' | 'U64';

/** Bytes per element. */
export const DTYPE_BYTES: ReadonlyMap<string, number> = new Map<SafetensorsDtype, number>([
  ['BOOL', 1],
  ['U8', 1],
  ['I8', 1],
  ['F8_E5M2', 1],
  ['F8_E4M3', 1],
  ['I16', 2],
  ['U16', 2],
  ['F16', 2],
  ['BF16', 2],
  ['I32', 4],
  ['U32', 4],
  ['F32', 4],
  ['F64', 8],
  ['I64', 8],
  ['U64', 8],
]);

export const DTYPES = [...DTYPE_BYTES.keys()] as SafetensorsDtype[];

/** Dtypes decoded to float32 for the runtime; integer and bool tensors are kept without data. */
export const FLOAT_DTYPES: ReadonlySet<SafetensorsDtype> = new Set(['F8_E5M2', 'F8_E4M3', 'F16', 'BF16', 'F32', 'F64']);

export function isDtype(s: string): s is SafetensorsDtype {
  return DTYPE_BYTES.has(s);
}

/** IEEE 754 binary16 bits → value. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // subnormal (or zero)
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * FP8 E4M3 ("fn" variant, Micikevicius et al. 2022, "FP8 Formats for Deep Learning", Table 1):
 * bias 7, no infinities, S.1111.111 is NaN, largest normal 448.
 */
export function e4m3ToFloat(b: number): number {
  const sign = b & 0x80 ? -1 : 1;
  const exp = (b >> 3) & 0xf;
  const frac = b & 0x7;
  if (exp === 0xf && frac === 0x7) return NaN;
  if (exp === 0) return sign * frac * 2 ** -9; // subnormal: frac/8 * 2^(1-7)
  return sign * (1 + frac / 8) * 2 ** (exp - 7);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `n` elements of float dtype `dtype` at `bytes[begin…]` as a fresh float32 array. */
export function decodeFloats(bytes: Uint8Array, begin: number, dtype: SafetensorsDtype, n: number): Float32Array {
  const size = DTYPE_BYTES.get(dtype) as number;
  if (dtype === 'F32' && LITTLE_ENDIAN) {
    // One copy (memcpy), then the bytes are the floats; the copy also fixes any alignment.
    return new Float32Array(bytes.slice(begin, begin + n * 4).buffer);
  }
  // DataView copes with any alignment (the data region starts at 8 + N, not necessarily aligned).
  const view = new DataView(bytes.buffer, bytes.byteOffset + begin, n * size);
  const out = new Float32Array(n);
  switch (dtype) {
    case 'F32':
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case 'F64':
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
      break;
    case 'F16':
      for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      break;
    case 'BF16': {
      // bfloat16 is the top half of a float32.
      const u = new Uint32Array(out.buffer);
      for (let i = 0; i < n; i++) u[i] = view.getUint16(i * 2, true) << 16;
      break;
    }
    case 'F8_E5M2':
      // E5M2 is the top byte of a binary16.
      for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint8(i) << 8);
      break;
    case 'F8_E4M3':
      for (let i = 0; i < n; i++) out[i] = e4m3ToFloat(view.getUint8(i));
      break;
    default:
      throw new Error(`decodeFloats: ${dtype} is not a float dtype`);
  }
  return out;
}
