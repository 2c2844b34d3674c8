/**
 * loadDigits() for the browser: fetches the packed asset from the site itself (no network beyond
 * the page's own origin: the CSP's connect-src 'self'), with progress and cancel, and decodes it.
 * The decoded bytes are kept for the page's lifetime, so the lab and the trainer fetch once.
 */
import { CancelledError, throwIfCancelled } from '../../runtime/cancel';
import { joinChunks, readBody } from '../../weights/read-body';
import { DIGITS_HEADER_BYTES, decodeDigits, type PackedDigits } from './format';
import { toDigitsData, type DigitsData } from './images';

/**
 * Where the site serves the asset (scripts/pack-digits.ts writes public/data/digits.bin). A root
 * path, like the tfjs .wasm files ('/tfjs-wasm/', lib/runtime/backend.ts): the site has no basePath;
 * a host that mounts it elsewhere passes `url`.
 */
export const DIGITS_ASSET_PATH = '/data/digits.bin';

export interface DigitsProgress {
  readonly loaded: number;
  /** Bytes in the whole file, from its header once the first 32 bytes are in (null before). */
  readonly total: number | null;
}

export interface LoadDigitsOptions {
  readonly url?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: DigitsProgress) => void;
}

const cache = new Map<string, PackedDigits>();

/** The file's total size from its header (labels + pixels + header), or null when not readable yet. */
function totalFromHeader(head: Uint8Array): number | null {
  if (head.length < DIGITS_HEADER_BYTES) return null;
  const v = new DataView(head.buffer, head.byteOffset, DIGITS_HEADER_BYTES);
  const n = v.getUint32(8, true) + v.getUint32(12, true);
  const image = v.getUint16(16, true) * v.getUint16(18, true) * v.getUint16(20, true);
  return DIGITS_HEADER_BYTES + n * (1 + image);
}

/** The packed (u8) digits, fetched once per URL. Throws a DigitsFormatError for a bad file. */
export async function loadPackedDigits(options: LoadDigitsOptions = {}): Promise<PackedDigits> {
  const url = options.url ?? DIGITS_ASSET_PATH;
  const hit = cache.get(url);
  if (hit) return hit;
  throwIfCancelled(options.signal);
  let res: Response;
  try {
    res = await fetch(url, { signal: options.signal });
  } catch (e) {
    if (options.signal?.aborted) throw new CancelledError();
    throw new Error(`could not load the digits dataset from ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!res.ok)
    throw new Error(
      `could not load the digits dataset: ${url} answered HTTP ${res.status}${res.status === 404 ? ' (run npm run prepare-assets to build it)' : ''}`,
    );
  // The total is in the file's own header (its first 32 bytes), so it is known once they are in.
  let head: Uint8Array[] = [];
  let total: number | null = null;
  const { bytes } = await readBody(res, {
    signal: options.signal,
    onChunk: (chunk, loaded) => {
      if (total === null) {
        head.push(chunk);
        total = totalFromHeader(joinChunks(head));
        if (total !== null) head = [];
      }
      options.onProgress?.({ loaded, total });
    },
    brokeOff: (e) => new Error(`the digits dataset stopped downloading from ${url}: ${e instanceof Error ? e.message : String(e)}`),
  });
  const packed = decodeDigits(bytes);
  cache.set(url, packed);
  return packed;
}

/** { train, test }: [N, 1, 28, 28] float32 images in [0, 1] (white on black) and int32 labels. */
export async function loadDigits(options: LoadDigitsOptions = {}): Promise<DigitsData> {
  return toDigitsData(await loadPackedDigits(options));
}
