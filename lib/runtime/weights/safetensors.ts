/**
 * A .safetensors reader held to the format's own rules (https://huggingface.co/docs/safetensors,
 * reference implementation huggingface/safetensors, `safetensors::tensor::SafeTensors::read_metadata`):
 *
 *   [u64 little-endian N][N bytes of UTF-8 JSON header, padded with trailing spaces][data region]
 *   header: { "__metadata__"?: {str: str}, "<name>": { dtype, shape, data_offsets: [begin, end] } }
 *   offsets are relative to the start of the data region, end exclusive.
 *
 * Files come from readers' disks, so nothing is trusted: the header is read by a bounded,
 * non-recursive JSON reader (safetensors-json.ts), every rule is checked (safetensors-header.ts)
 * before any tensor byte is read, and every failure is a SafetensorsError whose `rule` names the
 * rule and whose message is one short line. Float tensors are converted to float32 (the runtime's
 * only dtype); integer and bool tensors (num_batches_tracked) are returned without data.
 *
 * This is the one parser of every way weights come in (lab uploads via read-weights.ts, the CLI);
 * values (NaN/Inf, negative variances) are judged after parsing, by value-scan.ts.
 */
import { FLOAT_DTYPES, type SafetensorsDtype, decodeFloats } from './safetensors-dtypes';
import { SafetensorsError, type SafetensorsRule } from './safetensors-error';
import { readHeader } from './safetensors-header';
import { type JsonObject, parseHeaderJson } from './safetensors-json';
import { numel } from './types';

export { SafetensorsError, MAX_MESSAGE_CHARS, type SafetensorsRule } from './safetensors-error';
export { DTYPES, FLOAT_DTYPES, type SafetensorsDtype } from './safetensors-dtypes';
export { writeSafetensors, type WritableTensor } from './safetensors-writer';
/** Older name of SafetensorsRule. */
export type SafetensorsErrorCode = SafetensorsRule;

/** The reference reader's MAX_HEADER_SIZE: a longer header is refused before it is decoded. */
export const MAX_HEADER_BYTES = 100_000_000;

export interface SafetensorsTensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  /** float32 copy of a float tensor; null for integer and bool tensors. */
  readonly data: Float32Array | null;
  /** The tensor's bytes as stored (a view into the file). */
  readonly bytes: Uint8Array;
}

export interface SafetensorsFile {
  /** In the header's order. */
  readonly tensors: Map<string, SafetensorsTensor>;
  readonly metadata: Record<string, string>;
}

function toBytes(input: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
}

/** The header's JSON object and where the data region starts; the byte-level rules. */
function readHeaderJson(bytes: Uint8Array): { root: JsonObject; dataStart: number } {
  if (bytes.byteLength < 8) {
    throw new SafetensorsError('too-short', `the file has ${bytes.byteLength} bytes; a safetensors file starts with an 8-byte header length`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = dv.getUint32(4, true) * 4294967296 + dv.getUint32(0, true);
  if (headerLen > MAX_HEADER_BYTES) {
    throw new SafetensorsError(
      'header-too-large',
      `header length ${headerLen} exceeds the format's limit of ${MAX_HEADER_BYTES} bytes (not a safetensors file?)`,
    );
  }
  if (8 + headerLen > bytes.byteLength) {
    throw new SafetensorsError('header-truncated', `header length ${headerLen} but only ${bytes.byteLength - 8} bytes follow the length field`);
  }
  const raw = bytes.subarray(8, 8 + headerLen);
  // Checked on the bytes: TextDecoder would drop a byte-order mark silently.
  if (raw[0] !== 0x7b) {
    const got = headerLen === 0 ? 'an empty header' : `byte 0x${raw[0].toString(16).padStart(2, '0')}`;
    throw new SafetensorsError('header-start', `the header must begin with "{", found ${got}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw new SafetensorsError('header-utf8', `the ${headerLen}-byte header is not valid UTF-8`);
  }
  const { value, end } = parseHeaderJson(text);
  for (let i = end; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x20) {
      const c = text.charCodeAt(i);
      throw new SafetensorsError(
        'header-padding',
        `after the header's JSON only spaces may follow, found U+${c.toString(16).padStart(4, '0').toUpperCase()} at character ${i}`,
      );
    }
  }
  return { root: value as JsonObject, dataStart: 8 + headerLen };
}

/** Parse a whole .safetensors file held in memory. Throws SafetensorsError, nothing else. */
export function parseSafetensors(input: ArrayBuffer | ArrayBufferView): SafetensorsFile {
  const bytes = toBytes(input);
  const { root, dataStart } = readHeaderJson(bytes);
  const header = readHeader(root, bytes.byteLength - dataStart);
  const tensors = new Map<string, SafetensorsTensor>();
  for (const e of header.entries) {
    const at = dataStart + e.begin;
    tensors.set(e.key, {
      dtype: e.dtype,
      shape: e.shape,
      data: FLOAT_DTYPES.has(e.dtype) ? decodeFloats(bytes, at, e.dtype, numel(e.shape)) : null,
      bytes: bytes.subarray(at, dataStart + e.end),
    });
  }
  return { tensors, metadata: Object.fromEntries(header.metadata) };
}
