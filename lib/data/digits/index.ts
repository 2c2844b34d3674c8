/**
 * The digits dataset (browser-safe: no node:fs here; the Node loader is ./node.ts).
 * What it is, the licence, the split and the byte layout: ./README.md.
 */
export { DIGITS_FORMAT_VERSION, DIGITS_HEADER_BYTES, DIGITS_MAGIC, DigitsFormatError, decodeDigits, encodeDigits } from './format';
export type { DigitsFormatRule, DigitsHeader, EncodeInput, PackedDigits, PackedSplit } from './format';
export { DIGITS_SPLIT, splitDigits, testQuota } from './split';
export { DIGIT_SIDE, packDigits } from './pack';
export { toDigitsData, toLabelledImages } from './images';
export type { DigitsData } from './images';
export { DIGITS_ASSET_PATH, loadDigits, loadPackedDigits } from './load';
export type { DigitsProgress, LoadDigitsOptions } from './load';
