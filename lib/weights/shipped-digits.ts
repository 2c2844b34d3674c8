/**
 * The trained digits weights that ship with the site: one `.safetensors` per digits model in
 * `public/weights/digits/<id>.safetensors` (the whole state_dict in torchvision keys, as
 * `arch train --out` writes it), each with its training record `<id>.json` (digits-record.ts),
 * both written by `npm run weights:digits` (scripts/ship-digits-weights.ts).
 *
 * - `SHIPPED_DIGITS`: id → { path (URL path on the site), bytes, sha256, testAccuracy, record },
 *   made from the records themselves (shipped-digits-index.ts, re-exported here).
 * - `loadShippedDigits(id, { signal, onProgress })`: downloads the file from the site (no other
 *   network), with progress and cancel, checks its size and SHA-256 against the index, parses it
 *   through the one validated weights path (lib/runtime/weights/read-weights.ts) and gives the
 *   StateDict. Every failure is a ShippedWeightsError whose message a page shows as is.
 *   Verified bytes are kept for the page's lifetime, so a second model, a backend switch or
 *   another widget does not download them again.
 *
 * Browser-safe; the Node variant (CLI, tests) is node.ts. Paths are root paths like
 * the digits data (`/data/digits.bin`) and the tfjs .wasm files: the site has no basePath (a host
 * that mounts it elsewhere passes `baseUrl`).
 */
import { buildGraph } from '../arch/registry';
import { isCancelled } from '../runtime/cancel';
import { readWeightsFile } from '../runtime/weights/read-weights';
import type { StateDict } from '../runtime/weights/types';
import { type FetchProgress, FetchBytesError, fetchBytes } from './fetch-bytes';
import { SHIPPED_DIGITS_IDS, type ShippedDigits, shippedDigits } from './shipped-digits-index';
import { sha256Hex } from './imagenet/sha256';

export * from './shipped-digits-index';

export type ShippedFailure = 'unknown' | 'network' | 'http' | 'size' | 'hash' | 'format';

/** A shipped file that cannot be used; `message` is one sentence for the page. */
export class ShippedWeightsError extends Error {
  constructor(
    readonly reason: ShippedFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ShippedWeightsError';
  }
}

/**
 * The index's size and hash held against the bytes (the one check both loaders use); a
 * ShippedWeightsError naming what differs.
 */
export async function verifyShipped(entry: ShippedDigits, bytes: Uint8Array): Promise<void> {
  const what = `The trained weights of ${entry.id} (${entry.path})`;
  if (bytes.length !== entry.bytes)
    throw new ShippedWeightsError(
      'size',
      `${what} arrived with ${bytes.length.toLocaleString('en-US')} bytes, not the ${entry.bytes.toLocaleString('en-US')} the index lists: the download was cut short or the file was replaced.`,
    );
  const got = (await sha256Hex(bytes)).hex;
  if (got !== entry.sha256)
    throw new ShippedWeightsError(
      'hash',
      `${what} do not match their SHA-256 (the file hashes to ${got.slice(0, 12)}…, the index lists ${entry.sha256.slice(0, 12)}…): the file is corrupt or was replaced.`,
    );
}

export interface LoadShippedOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: FetchProgress) => void;
  /** Prefix of the site's root (no trailing slash), for a host that serves it under a path. */
  readonly baseUrl?: string;
}

const verified = new Map<string, Promise<Uint8Array>>();

function entryOf(id: string): ShippedDigits {
  const e = shippedDigits(id);
  if (!e) throw new ShippedWeightsError('unknown', `No trained weights ship for ${JSON.stringify(id)}; shipped: ${SHIPPED_DIGITS_IDS.join(', ')}.`);
  return e;
}

/**
 * The verified bytes of `id`'s shipped file (downloaded once per page). For callers that parse
 * against their own graph (the lab, whose knobs may have changed the network).
 */
export function shippedDigitsBytes(id: string, options: LoadShippedOptions = {}): Promise<Uint8Array> {
  const entry = entryOf(id);
  const url = `${options.baseUrl ?? ''}${entry.path}`;
  const key = url;
  const hit = verified.get(key);
  if (hit) {
    options.onProgress?.({ loaded: entry.bytes, total: entry.bytes });
    return hit;
  }
  const p = (async () => {
    let bytes: Uint8Array;
    try {
      bytes = await fetchBytes(url, { signal: options.signal, onProgress: options.onProgress, expectedBytes: entry.bytes });
    } catch (e) {
      if (isCancelled(e)) throw e;
      const detail = e instanceof FetchBytesError ? e.message : String(e);
      throw new ShippedWeightsError(e instanceof FetchBytesError ? e.reason : 'network', `The trained weights of ${id} could not be downloaded: ${detail}.`);
    }
    await verifyShipped(entry, bytes);
    return bytes;
  })();
  verified.set(key, p);
  // Only verified bytes are kept: a failure or a cancel may be retried.
  p.catch(() => verified.delete(key));
  return p;
}

/** Parses verified bytes against the registered model's graph (a ShippedWeightsError if they do not fit). */
export function parseShipped(id: string, bytes: Uint8Array): StateDict {
  const r = readWeightsFile(bytes, buildGraph(id));
  if (!r.ok) throw new ShippedWeightsError('format', `The trained weights of ${id} do not fit the model: ${r.issues.map((i) => i.message).join('; ')}.`);
  return r.sd;
}

/** The shipped trained weights of a digits model as a StateDict (torchvision keys), verified. */
export async function loadShippedDigits(id: string, options: LoadShippedOptions = {}): Promise<StateDict> {
  return parseShipped(id, await shippedDigitsBytes(id, options));
}
