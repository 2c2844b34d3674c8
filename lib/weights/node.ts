/**
 * The shipped digits weights in Node (the CLI's default for `arch eval`, the unit tests): read from
 * the repository's `public/weights/digits/`, checked against the index (size, SHA-256) as the
 * browser loader does (shipped-digits.ts verifyShipped), parsed through the validated path.
 */
import { readFileSync } from 'node:fs';
import type { StateDict } from '../runtime/weights/types';
import { SHIPPED_DIGITS_IDS, ShippedWeightsError, parseShipped, shippedDigits, verifyShipped } from './shipped-digits';
import { SHIPPED_DIGITS_FS_DIR } from './shipped-digits-dir';

export { SHIPPED_DIGITS_FS_DIR };
export { shippedDigits, SHIPPED_DIGITS, SHIPPED_DIGITS_IDS } from './shipped-digits';

/** Absolute path of `id`'s shipped .safetensors, or null when none ships. */
export function shippedDigitsFile(id: string): string | null {
  const e = shippedDigits(id);
  return e ? `${SHIPPED_DIGITS_FS_DIR}${e.record.file}` : null;
}

/** The verified bytes of `id`'s shipped file. */
export async function readShippedDigitsBytes(id: string): Promise<Uint8Array> {
  const e = shippedDigits(id);
  const file = shippedDigitsFile(id);
  if (!e || !file) throw new ShippedWeightsError('unknown', `No trained weights ship for ${JSON.stringify(id)}; shipped: ${SHIPPED_DIGITS_IDS.join(', ')}.`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    throw new ShippedWeightsError(
      'network',
      `The trained weights of ${id} are missing: ${file} cannot be read (${err instanceof Error ? err.message : String(err)}). Run npm run weights:digits to make them.`,
    );
  }
  await verifyShipped(e, bytes);
  return bytes;
}

/** `id`'s shipped trained weights as a StateDict (torchvision keys), verified. */
export async function loadShippedDigitsNode(id: string): Promise<StateDict> {
  return parseShipped(id, await readShippedDigitsBytes(id));
}
