/**
 * The rules a safetensors header must follow once it is JSON, as the reference reader
 * (huggingface/safetensors, `safetensors::tensor`: `HashMetadata`, `TensorInfo`, `Metadata::validate`)
 * applies them:
 *
 *  - `__metadata__`, when present, maps strings to strings;
 *  - every other key is a tensor `{dtype, shape, data_offsets}` (other fields are ignored);
 *  - dtype is one of the format's names; shape a list of non-negative integers;
 *  - data_offsets exactly two integers [begin, end], begin ≤ end, end − begin = numel × dtype size;
 *  - sorted by offsets, the tensors tile the data region from byte 0 with no hole and no overlap
 *    (zero-length tensors included), and the region ends exactly where the last tensor ends.
 *
 * Numbers must be written as integers (`4`, not `4.0` or `4e0`: serde reads those as floats and
 * refuses them for usize). Rank is capped (MAX_RANK) so a shape cannot be a million entries long.
 */
import { DTYPES, DTYPE_BYTES, type SafetensorsDtype, isDtype } from './safetensors-dtypes';
import { SafetensorsError, quote } from './safetensors-error';
import { type JsonObject, type JsonValue, JsonNumber } from './safetensors-json';

/** torchvision's tensors have rank ≤ 4; PyTorch allows up to 64; 8 is generous for weights. */
export const MAX_RANK = 8;

export interface HeaderEntry {
  readonly key: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

export interface Header {
  /** In file order. */
  readonly entries: readonly HeaderEntry[];
  readonly metadata: ReadonlyMap<string, string>;
}

/** A short, one-line description of a value from the file (never serialises it whole). */
export function describe(v: JsonValue | undefined): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return quote(v, 32);
  if (v instanceof JsonNumber) return v.raw.length > 24 ? `${v.raw.slice(0, 24)}… (${v.raw.length} chars)` : v.raw;
  if (Array.isArray(v)) {
    // One level only: nested containers are summarised, so a deep value costs nothing.
    const items = v.slice(0, 4).map((x) => (Array.isArray(x) ? '[…]' : x instanceof Map ? '{…}' : describe(x)));
    return v.length > 4 ? `[${items.join(', ')}, … (${v.length} items)]` : `[${items.join(', ')}]`;
  }
  return v.size === 0 ? '{}' : `an object of ${v.size} key${v.size === 1 ? '' : 's'}`;
}

const INTEGER = /^(0|[1-9][0-9]*)$/;

/** A non-negative integer written as one, within the safe range; else undefined. */
function integer(v: JsonValue | undefined): number | undefined {
  if (!(v instanceof JsonNumber) || !INTEGER.test(v.raw)) return undefined;
  const n = Number(v.raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

function readMetadata(raw: JsonValue): Map<string, string> {
  if (!(raw instanceof Map)) {
    throw new SafetensorsError('metadata', `"__metadata__" must map strings to strings, got ${describe(raw)}`, '__metadata__');
  }
  const out = new Map<string, string>();
  for (const [k, v] of raw) {
    if (typeof v !== 'string') throw new SafetensorsError('metadata', `"__metadata__" value of ${quote(k)} must be a string, got ${describe(v)}`, k);
    out.set(k, v);
  }
  return out;
}

function readEntry(key: string, raw: JsonValue): HeaderEntry {
  const k = quote(key);
  if (!(raw instanceof Map)) throw new SafetensorsError('entry', `tensor ${k} must be an object {dtype, shape, data_offsets}, got ${describe(raw)}`, key);
  const obj: JsonObject = raw;
  const dtype = obj.get('dtype');
  if (typeof dtype !== 'string' || !isDtype(dtype)) {
    const why = typeof dtype === 'string' ? 'is not a safetensors dtype' : 'must be a dtype name';
    throw new SafetensorsError('dtype', `tensor ${k}: dtype ${describe(dtype)} ${why} (${DTYPES.join(', ')})`, key);
  }
  const shapeRaw = obj.get('shape');
  if (!Array.isArray(shapeRaw)) throw new SafetensorsError('shape', `tensor ${k}: shape must be a list of integers, got ${describe(shapeRaw)}`, key);
  if (shapeRaw.length > MAX_RANK)
    throw new SafetensorsError('shape', `tensor ${k}: rank ${shapeRaw.length} exceeds ${MAX_RANK}, shape ${describe(shapeRaw)}`, key);
  const shape: number[] = [];
  let numel = 1;
  for (let d = 0; d < shapeRaw.length; d++) {
    const n = integer(shapeRaw[d]);
    if (n === undefined) throw new SafetensorsError('shape', `tensor ${k}: dimension ${d} is ${describe(shapeRaw[d])}, not a non-negative integer`, key);
    shape.push(n);
    numel *= n;
  }
  const size = DTYPE_BYTES.get(dtype) as number;
  if (!Number.isSafeInteger(numel * size))
    throw new SafetensorsError('shape', `tensor ${k}: shape ${describe(shapeRaw)} holds more bytes than any file can`, key);

  const offsets = obj.get('data_offsets');
  if (!Array.isArray(offsets) || offsets.length !== 2) {
    throw new SafetensorsError('data-offsets', `tensor ${k}: data_offsets must be two integers [begin, end], got ${describe(offsets)}`, key);
  }
  const begin = integer(offsets[0]);
  const end = integer(offsets[1]);
  if (begin === undefined || end === undefined) {
    throw new SafetensorsError('data-offsets', `tensor ${k}: data_offsets must be non-negative integers, got ${describe(offsets)}`, key);
  }
  if (begin > end) throw new SafetensorsError('data-offsets', `tensor ${k}: data_offsets [${begin}, ${end}] begin after they end`, key);
  if (end - begin !== numel * size) {
    throw new SafetensorsError(
      'tensor-size',
      `tensor ${k}: ${dtype} [${shape.join(', ')}] needs ${numel * size} bytes, data_offsets [${begin}, ${end}] give ${end - begin}`,
      key,
    );
  }
  return { key, dtype, shape, begin, end };
}

/** Checks every rule of a parsed header against a data region of `dataLength` bytes. */
export function readHeader(root: JsonObject, dataLength: number): Header {
  let metadata = new Map<string, string>();
  const entries: HeaderEntry[] = [];
  for (const [key, raw] of root) {
    if (key === '__metadata__') metadata = readMetadata(raw);
    else entries.push(readEntry(key, raw));
  }
  checkLayout(entries, dataLength);
  return { entries, metadata };
}

/**
 * Sorted by (begin, end), each tensor must start where the previous one ended (byte 0 for the
 * first): a later start is a hole, an earlier one an overlap, whatever the lengths. This is
 * `Metadata::validate`; comparing neighbours' extents instead lets a zero-length entry hide an
 * overlap of the two tensors around it.
 */
function checkLayout(entries: readonly HeaderEntry[], dataLength: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  let prev: HeaderEntry | null = null;
  for (const e of sorted) {
    if (e.begin > at) {
      const after = prev ? `after tensor ${quote(prev.key, 40)}` : 'at the start of the data';
      throw new SafetensorsError('hole', `bytes [${at}, ${e.begin}) ${after} belong to no tensor; next is ${quote(e.key, 40)}`, e.key);
    }
    if (e.begin < at && prev) {
      throw new SafetensorsError(
        'overlap',
        `tensor ${quote(e.key, 40)} [${e.begin}, ${e.end}) overlaps ${quote(prev.key, 40)} [${prev.begin}, ${prev.end})`,
        e.key,
      );
    }
    at = e.end;
    prev = e;
  }
  if (at > dataLength) {
    throw new SafetensorsError(
      'data-truncated',
      `tensor ${quote((prev as HeaderEntry).key, 40)} ends at byte ${at} but the data region has ${dataLength} (file cut short?)`,
      prev?.key,
    );
  }
  if (at < dataLength)
    throw new SafetensorsError('trailing-bytes', `the data region has ${dataLength} bytes but the tensors end at byte ${at}; the rest belongs to no tensor`);
}
