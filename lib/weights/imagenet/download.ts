/**
 * Fetches one ImageNet weights file the manifest lists: from the browser's cache when it has a
 * verified copy, else from the site (streamed, with progress), then checks its size and SHA-256
 * against the manifest and stores it for the next visit. Any failure is an ImagenetWeightsError
 * whose message says what happened in one sentence (a missing file, a cut-off download, a hash
 * that does not match); nothing is returned unless the bytes are exactly the manifest's.
 */
import { CancelledError } from '../../runtime/cancel';
import { formatBytes } from '../../format/bytes';
import { readBody } from '../read-body';
import { type WeightsCache, cacheKey, openWeightsCache, storeWeights } from './cache';
import type { ImagenetEntry } from './manifest';
import { type HashPath, Sha256, sha256Hex, subtleCrypto } from './sha256';

/**
 * Where the site serves the manifest and the files (the script's default --out is
 * public/weights/imagenet/). A root path like the digits asset and the tfjs .wasm files: the site
 * has no basePath; a host that mounts it elsewhere passes `base`.
 */
export const IMAGENET_WEIGHTS_PATH = '/weights/imagenet/';

export type ImagenetFailure = 'missing' | 'http' | 'network' | 'truncated' | 'too-long' | 'hash';

export class ImagenetWeightsError extends Error {
  constructor(
    readonly failure: ImagenetFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ImagenetWeightsError';
  }
}

export interface DownloadProgress {
  readonly loaded: number;
  readonly total: number;
  /** 'download' while bytes arrive, 'verify' while hashing, 'cache' when served from the browser's copy. */
  readonly stage: 'download' | 'verify' | 'cache';
}

export interface FetchWeightsOptions {
  readonly base?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: DownloadProgress) => void;
  /** Injected in tests; the page's fetch by default. */
  readonly fetch?: typeof fetch;
  /** Injected in tests; the Cache API's store by default, null for none. */
  readonly cache?: WeightsCache | null;
  /** Injected in tests; Web Crypto's where available, null forces the pure-JS hash. */
  readonly subtle?: SubtleCrypto | null;
}

export interface FetchedWeights {
  readonly bytes: Uint8Array;
  readonly fromCache: boolean;
  /** Which SHA-256 checked the bytes. */
  readonly hashPath: HashPath;
  /** Whether a copy is now in the browser's cache. */
  readonly cached: boolean;
}

export const weightsUrl = (entry: ImagenetEntry, base = IMAGENET_WEIGHTS_PATH): string => `${base}${entry.file}`;

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}

const short = (h: string) => `${h.slice(0, 12)}…`;

/** Checks bytes against the entry; the error says which check failed. */
async function verify(entry: ImagenetEntry, bytes: Uint8Array, subtle: SubtleCrypto | null, streamed: Sha256 | null): Promise<HashPath> {
  if (bytes.length < entry.bytes)
    throw new ImagenetWeightsError(
      'truncated',
      `The download of ${entry.file} stopped short: ${formatBytes(bytes.length)} of the ${formatBytes(entry.bytes)} the manifest lists (${bytes.length.toLocaleString('en-US')} of ${entry.bytes.toLocaleString('en-US')} bytes).`,
    );
  if (bytes.length > entry.bytes)
    throw new ImagenetWeightsError(
      'too-long',
      `${entry.file} is longer than the manifest says (${bytes.length.toLocaleString('en-US')} bytes, not ${entry.bytes.toLocaleString('en-US')}): it is not the file the manifest describes.`,
    );
  const { hex, path } = streamed ? { hex: streamed.hex(), path: 'js' as const } : await sha256Hex(bytes, subtle);
  if (hex !== entry.sha256)
    throw new ImagenetWeightsError(
      'hash',
      `${entry.file} does not match the manifest: its SHA-256 is ${short(hex)} where the manifest says ${short(entry.sha256)}, so the file was changed or damaged.`,
    );
  return path;
}

/** Reads a response body into a buffer of the manifest's size, reporting progress and stopping early when it runs over. */
async function readWeightsBody(res: Response, entry: ImagenetEntry, o: FetchWeightsOptions, hasher: Sha256 | null): Promise<Uint8Array> {
  const total = entry.bytes;
  const report = (loaded: number) => o.onProgress?.({ loaded: Math.min(loaded, total), total, stage: 'download' });
  report(0);
  const { bytes } = await readBody(res, {
    signal: o.signal,
    // An over-long body stops at the chunk that overflows; verify() then reports the longer size.
    into: new Uint8Array(total),
    onChunk: (chunk, loaded) => {
      if (loaded <= total) hasher?.update(chunk);
      report(loaded);
    },
    brokeOff: (e, loaded) =>
      new ImagenetWeightsError(
        'network',
        `The download of ${entry.file} broke off after ${formatBytes(loaded)} of ${formatBytes(total)} (${(e as Error).message || 'network error'}).`,
      ),
  });
  return bytes;
}

/**
 * The verified bytes of `entry`'s file. Throws ImagenetWeightsError (what went wrong, for the
 * reader) or CancelledError.
 */
export async function fetchImagenetWeights(entry: ImagenetEntry, o: FetchWeightsOptions = {}): Promise<FetchedWeights> {
  const url = weightsUrl(entry, o.base);
  const cache = o.cache !== undefined ? o.cache : await openWeightsCache();
  const subtle = o.subtle !== undefined ? o.subtle : subtleCrypto();
  checkAbort(o.signal);

  if (cache) {
    const key = cacheKey(url, entry.sha256);
    const hit = await cache.match(key).catch(() => undefined);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      o.onProgress?.({ loaded: bytes.length, total: entry.bytes, stage: 'cache' });
      try {
        const hashPath = await verify(entry, bytes, subtle, null);
        return { bytes, fromCache: true, hashPath, cached: true };
      } catch (e) {
        // A damaged copy (storage trouble): drop it and download again.
        if (!(e instanceof ImagenetWeightsError)) throw e;
        await cache.delete(key).catch(() => false);
      }
    }
  }

  const doFetch = o.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, { signal: o.signal });
  } catch (e) {
    checkAbort(o.signal);
    throw new ImagenetWeightsError('network', `${entry.file} could not be fetched from this site (${(e as Error).message || 'network error'}).`);
  }
  if (res.status === 404)
    throw new ImagenetWeightsError(
      'missing',
      `${entry.file} is not on this site (HTTP 404): the manifest lists it, but the file is missing from ${IMAGENET_WEIGHTS_PATH}.`,
    );
  if (!res.ok)
    throw new ImagenetWeightsError(
      'http',
      `${entry.file} could not be fetched: the site answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`,
    );

  // Without Web Crypto the hash is computed as the bytes arrive; with it, once at the end.
  const hasher = subtle ? null : new Sha256();
  const bytes = await readWeightsBody(res, entry, o, hasher);
  o.onProgress?.({ loaded: bytes.length, total: entry.bytes, stage: 'verify' });
  const hashPath = await verify(entry, bytes, subtle, bytes.length === entry.bytes ? hasher : null);
  const cached = cache ? await storeWeights(cache, url, entry.sha256, bytes) : false;
  return { bytes, fromCache: false, hashPath, cached };
}
