/**
 * The packed digits asset (`public/data/digits.bin`): one little-endian binary file, no JSON.
 * Pure encode/decode, no I/O, no tfjs: the browser loader, the Node loader, the build step and the
 * tests all go through these two functions. The byte layout is documented in ./README.md.
 *
 *   offset  size  field
 *   0       4     magic "LWDG"
 *   4       2     format version (u16) = 1
 *   6       2     header size in bytes (u16) = 32
 *   8       4     train count (u32)
 *   12      4     test count (u32)
 *   16      2     channels (u16) = 1
 *   18      2     height (u16) = 28
 *   20      2     width (u16) = 28
 *   22      2     classes (u16) = 10
 *   24      4     split seed (u32)
 *   28      4     CRC-32 (IEEE, as zlib) of every byte after the header
 *   32      N     labels, u8, train then test
 *   32+N    N·C·H·W  pixels, u8 (value = k / 255), row-major per image, train then test
 */
import { crc32 } from './crc32';

export const DIGITS_MAGIC = 'LWDG';
export const DIGITS_FORMAT_VERSION = 1;
export const DIGITS_HEADER_BYTES = 32;

/** The rules a digits file can break, one id each (tests and callers match on them). */
export type DigitsFormatRule = 'too-short' | 'magic' | 'version' | 'header' | 'dims' | 'truncated' | 'trailing-bytes' | 'label' | 'checksum' | 'input';

export class DigitsFormatError extends Error {
  readonly rule: DigitsFormatRule;
  constructor(rule: DigitsFormatRule, detail: string) {
    super(`digits asset ${rule}: ${detail}`);
    this.name = 'DigitsFormatError';
    this.rule = rule;
  }
}

/** One split of the asset as stored: u8 pixels (k / 255) and u8 labels. */
export interface PackedSplit {
  /** count × channels × height × width bytes. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

export interface DigitsHeader {
  readonly version: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly classes: number;
  readonly seed: number;
  readonly crc32: number;
}

export interface PackedDigits {
  readonly header: DigitsHeader;
  readonly train: PackedSplit;
  readonly test: PackedSplit;
}

export interface EncodeInput {
  readonly train: PackedSplit;
  readonly test: PackedSplit;
  readonly seed: number;
  readonly channels?: number;
  readonly height?: number;
  readonly width?: number;
  readonly classes?: number;
}

const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

function checkUint(name: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new DigitsFormatError('input', `${name} must be an integer in [0, ${max}], got ${v}`);
}

function checkSplit(name: string, s: PackedSplit, imageBytes: number, classes: number): void {
  if (s.pixels.length !== s.labels.length * imageBytes) {
    throw new DigitsFormatError('input', `${name}: ${s.pixels.length} pixel bytes for ${s.labels.length} labels of ${imageBytes} bytes each`);
  }
  const bad = s.labels.findIndex((l) => l >= classes);
  if (bad >= 0) throw new DigitsFormatError('input', `${name}: label ${s.labels[bad]} at index ${bad} is not below ${classes} classes`);
}

/** The asset's bytes for a train and a test split (train is stored first). */
export function encodeDigits(input: EncodeInput): Uint8Array {
  const channels = input.channels ?? 1;
  const height = input.height ?? 28;
  const width = input.width ?? 28;
  const classes = input.classes ?? 10;
  for (const [n, v] of [
    ['channels', channels],
    ['height', height],
    ['width', width],
    ['classes', classes],
  ] as const)
    checkUint(n, v, U16_MAX);
  if (classes < 1 || classes > 256) throw new DigitsFormatError('input', `classes must be in [1, 256] (labels are u8), got ${classes}`);
  checkUint('seed', input.seed, U32_MAX);
  const imageBytes = channels * height * width;
  checkSplit('train', input.train, imageBytes, classes);
  checkSplit('test', input.test, imageBytes, classes);
  const nTrain = input.train.labels.length;
  const nTest = input.test.labels.length;
  const n = nTrain + nTest;
  const out = new Uint8Array(DIGITS_HEADER_BYTES + n + n * imageBytes);
  let o = DIGITS_HEADER_BYTES;
  out.set(input.train.labels, o);
  out.set(input.test.labels, (o += nTrain));
  out.set(input.train.pixels, (o += nTest));
  out.set(input.test.pixels, o + input.train.pixels.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = DIGITS_MAGIC.charCodeAt(i);
  view.setUint16(4, DIGITS_FORMAT_VERSION, true);
  view.setUint16(6, DIGITS_HEADER_BYTES, true);
  view.setUint32(8, nTrain, true);
  view.setUint32(12, nTest, true);
  view.setUint16(16, channels, true);
  view.setUint16(18, height, true);
  view.setUint16(20, width, true);
  view.setUint16(22, classes, true);
  view.setUint32(24, input.seed, true);
  view.setUint32(28, crc32(out.subarray(DIGITS_HEADER_BYTES)), true);
  return out;
}

/**
 * Reads and checks an asset: magic, version, header size, dimensions, exact length, labels below
 * the class count and the CRC-32 of the payload. The splits are views into `bytes` (no copy).
 * A wrong or damaged file throws a DigitsFormatError naming the rule it breaks.
 */
export function decodeDigits(bytes: Uint8Array): PackedDigits {
  // The magic first: a short HTML error page is "not a digits asset" rather than "too short".
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.length >= 4 && magic !== DIGITS_MAGIC) {
    throw new DigitsFormatError('magic', `starts with ${JSON.stringify(magic)}, not "${DIGITS_MAGIC}": not a digits asset`);
  }
  if (bytes.length < DIGITS_HEADER_BYTES) {
    throw new DigitsFormatError('too-short', `${bytes.length} bytes, shorter than the ${DIGITS_HEADER_BYTES}-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== DIGITS_FORMAT_VERSION) {
    throw new DigitsFormatError(
      'version',
      `format version ${version}; this site reads version ${DIGITS_FORMAT_VERSION} (rebuild the asset: npm run prepare-assets)`,
    );
  }
  const headerBytes = view.getUint16(6, true);
  if (headerBytes !== DIGITS_HEADER_BYTES) throw new DigitsFormatError('header', `header size ${headerBytes}, expected ${DIGITS_HEADER_BYTES}`);
  const header: DigitsHeader = {
    version,
    trainCount: view.getUint32(8, true),
    testCount: view.getUint32(12, true),
    channels: view.getUint16(16, true),
    height: view.getUint16(18, true),
    width: view.getUint16(20, true),
    classes: view.getUint16(22, true),
    seed: view.getUint32(24, true),
    crc32: view.getUint32(28, true),
  };
  const { trainCount, testCount, channels, height, width, classes } = header;
  if (channels < 1 || height < 1 || width < 1 || classes < 1 || classes > 256) {
    throw new DigitsFormatError('dims', `channels ${channels}, height ${height}, width ${width}, classes ${classes}`);
  }
  const n = trainCount + testCount;
  const imageBytes = channels * height * width;
  const expected = DIGITS_HEADER_BYTES + n + n * imageBytes;
  if (bytes.length < expected) {
    throw new DigitsFormatError(
      'truncated',
      `${bytes.length} bytes, the header promises ${expected} (${trainCount} + ${testCount} images of ${channels}×${height}×${width})`,
    );
  }
  if (bytes.length > expected) throw new DigitsFormatError('trailing-bytes', `${bytes.length - expected} bytes after the last image`);
  const sum = crc32(bytes.subarray(DIGITS_HEADER_BYTES));
  if (sum !== header.crc32) {
    throw new DigitsFormatError('checksum', `CRC-32 of the payload is ${hex(sum)}, the header says ${hex(header.crc32)}: the file is damaged`);
  }
  const labels = bytes.subarray(DIGITS_HEADER_BYTES, DIGITS_HEADER_BYTES + n);
  const bad = labels.findIndex((l) => l >= classes);
  if (bad >= 0) throw new DigitsFormatError('label', `label ${labels[bad]} at index ${bad} is not below ${classes} classes`);
  const p0 = DIGITS_HEADER_BYTES + n;
  return {
    header,
    train: { labels: labels.subarray(0, trainCount), pixels: bytes.subarray(p0, p0 + trainCount * imageBytes) },
    test: { labels: labels.subarray(trainCount), pixels: bytes.subarray(p0 + trainCount * imageBytes, expected) },
  };
}

function hex(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}
