/**
 * A defensive .safetensors reader (format: https://huggingface.co/docs/safetensors).
 *
 *   [u64 little-endian N][N bytes of UTF-8 JSON header][data region]
 *   header: { "__metadata__"?: {str: str}, "<name>": { dtype, shape, data_offsets: [begin, end] } }
 *   offsets are relative to the start of the data region, end exclusive.
 *
 * Files come from readers' disks, so nothing is trusted: every size, offset and shape is checked
 * before any byte is read, and every failure is a SafetensorsError with a machine-readable code.
 * Float tensors are converted to float32 (the runtime's only dtype); I64 is accepted (for
 * num_batches_tracked) and returned without data.
 */
import { numel, shapeToString } from './types';

export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'F64' | 'I64';

const DTYPE_BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8 };

/** Header larger than this is refused before it is decoded (real headers are a few hundred KB). */
export const MAX_HEADER_BYTES = 100 * 1024 * 1024;

export type SafetensorsErrorCode =
  | 'too-short'
  | 'header-too-large'
  | 'header-truncated'
  | 'header-not-json'
  | 'bad-entry'
  | 'unknown-dtype'
  | 'size-mismatch'
  | 'offset-out-of-range'
  | 'overlap';

export class SafetensorsError extends Error {
  readonly code: SafetensorsErrorCode;
  /** The tensor name involved, when there is one. */
  readonly key?: string;
  constructor(code: SafetensorsErrorCode, message: string, key?: string) {
    super(message);
    this.name = 'SafetensorsError';
    this.code = code;
    this.key = key;
  }
}

export interface SafetensorsTensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  /** float32 copy of a float tensor; null for I64 (ignored integer buffers). */
  readonly data: Float32Array | null;
}

export interface SafetensorsFile {
  readonly tensors: Map<string, SafetensorsTensor>;
  readonly metadata: Record<string, string>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDim(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function toBytes(input: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
}

/** IEEE half -> float32 value. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // subnormal (or zero)
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function decode(bytes: Uint8Array, begin: number, dtype: SafetensorsDtype, n: number): Float32Array {
  // DataView copes with any alignment (the data region starts at 8 + N, not necessarily aligned).
  const view = new DataView(bytes.buffer, bytes.byteOffset + begin, n * DTYPE_BYTES[dtype]);
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
      const u = new Uint32Array(1);
      const f = new Float32Array(u.buffer);
      for (let i = 0; i < n; i++) {
        u[0] = view.getUint16(i * 2, true) << 16;
        out[i] = f[0];
      }
      break;
    }
    case 'I64':
      break;
  }
  return out;
}

/** Parse a whole .safetensors file held in memory. Throws SafetensorsError, nothing else. */
export function parseSafetensors(input: ArrayBuffer | ArrayBufferView): SafetensorsFile {
  const bytes = toBytes(input);
  if (bytes.byteLength < 8) {
    throw new SafetensorsError('too-short', `file is ${bytes.byteLength} bytes; a safetensors file starts with an 8-byte header length`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lo = dv.getUint32(0, true);
  const hi = dv.getUint32(4, true);
  const headerLen = hi * 4294967296 + lo;
  if (headerLen > MAX_HEADER_BYTES) {
    throw new SafetensorsError('header-too-large', `header length ${headerLen} exceeds the limit of ${MAX_HEADER_BYTES} bytes (not a safetensors file?)`);
  }
  if (8 + headerLen > bytes.byteLength) {
    throw new SafetensorsError('header-truncated', `header claims ${headerLen} bytes but the file has only ${bytes.byteLength - 8} after the length field`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    throw new SafetensorsError('header-not-json', `header is not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  if (!isRecord(header)) throw new SafetensorsError('header-not-json', 'header JSON is not an object');

  const dataStart = 8 + headerLen;
  const dataLen = bytes.byteLength - dataStart;
  const metadata: Record<string, string> = {};
  const entries: { key: string; dtype: SafetensorsDtype; shape: number[]; begin: number; end: number }[] = [];

  for (const [key, raw] of Object.entries(header)) {
    if (key === '__metadata__') {
      if (isRecord(raw)) for (const [mk, mv] of Object.entries(raw)) if (typeof mv === 'string') metadata[mk] = mv;
      continue;
    }
    if (!isRecord(raw)) throw new SafetensorsError('bad-entry', `entry "${key}" is not an object`, key);
    const { dtype, shape, data_offsets: offsets } = raw;
    if (typeof dtype !== 'string') throw new SafetensorsError('bad-entry', `entry "${key}" has no dtype`, key);
    if (!(dtype in DTYPE_BYTES)) {
      throw new SafetensorsError('unknown-dtype', `entry "${key}" has dtype ${dtype}; supported: ${Object.keys(DTYPE_BYTES).join(', ')}`, key);
    }
    if (!Array.isArray(shape) || !shape.every(isDim)) {
      throw new SafetensorsError('bad-entry', `entry "${key}" has an invalid shape ${JSON.stringify(shape)}`, key);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isDim)) {
      throw new SafetensorsError('bad-entry', `entry "${key}" has invalid data_offsets ${JSON.stringify(offsets)}`, key);
    }
    const [begin, end] = offsets as [number, number];
    const dt = dtype as SafetensorsDtype;
    if (begin > end || end > dataLen) {
      throw new SafetensorsError('offset-out-of-range', `entry "${key}" spans bytes [${begin}, ${end}) but the data region has ${dataLen} bytes`, key);
    }
    const expected = numel(shape as number[]) * DTYPE_BYTES[dt];
    if (end - begin !== expected) {
      throw new SafetensorsError('size-mismatch', `entry "${key}": ${dt} ${shapeToString(shape as number[])} needs ${expected} bytes, offsets give ${end - begin}`, key);
    }
    entries.push({ key, dtype: dt, shape: shape as number[], begin, end });
  }

  // Overlap check: sort by start; each range must begin at or after the previous one's end.
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (b.begin < a.end && b.end > b.begin && a.end > a.begin) {
      throw new SafetensorsError('overlap', `entries "${a.key}" [${a.begin}, ${a.end}) and "${b.key}" [${b.begin}, ${b.end}) overlap`, b.key);
    }
  }

  const tensors = new Map<string, SafetensorsTensor>();
  for (const e of entries) {
    const n = numel(e.shape);
    tensors.set(e.key, {
      dtype: e.dtype,
      shape: e.shape,
      data: e.dtype === 'I64' ? null : decode(bytes, dataStart + e.begin, e.dtype, n),
    });
  }
  return { tensors, metadata };
}

/**
 * Write float32 tensors as a .safetensors file (used by tests and the CLI's tooling; the
 * Python twin is scripts/py/export_safetensors.py).
 */
export function writeSafetensors(
  tensors: Iterable<[string, { shape: readonly number[]; data: Float32Array }]>,
  metadata?: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  const list = [...tensors];
  let offset = 0;
  for (const [key, t] of list) {
    const size = t.data.length * 4;
    header[key] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces so the data region is 8-byte aligned (as the reference writer does).
  while ((8 + new TextEncoder().encode(json).length) % 8 !== 0) json += ' ';
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, headerBytes.length, true);
  dv.setUint32(4, 0, true);
  out.set(headerBytes, 8);
  let p = 8 + headerBytes.length;
  for (const [, t] of list) {
    for (let i = 0; i < t.data.length; i++) dv.setFloat32(p + i * 4, t.data[i], true);
    p += t.data.length * 4;
  }
  return out;
}
