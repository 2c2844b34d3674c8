/**
 * Fetch a static file of the site as bytes, with progress, cancel and clear failures: the one way
 * weights files come down (shipped digits weights; a host's ImageNet weights). Browser-safe (fetch
 * and streams; Node ≥ 18 has both). A cancel rejects with the runtime's CancelledError.
 */
import { CancelledError, throwIfCancelled } from '../runtime/cancel';
import { readBody } from './read-body';

export interface FetchProgress {
  readonly loaded: number;
  /** Expected bytes (the caller's index, else Content-Length), or null when unknown. */
  readonly total: number | null;
}

export interface FetchBytesOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: FetchProgress) => void;
  /** The size the caller expects (an index's `bytes`), used as the progress total. */
  readonly expectedBytes?: number;
}

/** Why a download failed: no answer (`network`), an HTTP error status (`http`). */
export class FetchBytesError extends Error {
  constructor(
    readonly reason: 'network' | 'http',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchBytesError';
  }
}

const text = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function fetchBytes(url: string, options: FetchBytesOptions = {}): Promise<Uint8Array> {
  const { signal, onProgress } = options;
  throwIfCancelled(signal);
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw new CancelledError();
    throw new FetchBytesError('network', `${url} could not be fetched (${text(e)})`);
  }
  if (!res.ok) throw new FetchBytesError('http', `${url} answered HTTP ${res.status}${res.status === 404 ? ' (not found)' : ''}`, res.status);
  const header = Number(res.headers.get('content-length'));
  const total = options.expectedBytes ?? (Number.isFinite(header) && header > 0 ? header : null);
  onProgress?.({ loaded: 0, total });
  const { bytes } = await readBody(res, {
    signal,
    onChunk: (_chunk, loaded) => onProgress?.({ loaded, total }),
    brokeOff: (e) => new FetchBytesError('network', `${url} stopped downloading (${text(e)})`),
  });
  return bytes;
}
