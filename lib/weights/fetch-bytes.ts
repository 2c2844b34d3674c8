/**
 * Fetch a static file of the site as bytes, with progress, cancel and clear failures: the one way
 * weights files come down (shipped digits weights; a host's ImageNet weights). Browser-safe (fetch
 * and streams; Node ≥ 18 has both). A cancel rejects with the runtime's CancelledError.
 */
import { CancelledError, throwIfCancelled } from '../runtime/cancel';

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
  try {
    if (!res.body) {
      const all = new Uint8Array(await res.arrayBuffer());
      onProgress?.({ loaded: all.length, total });
      return all;
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    onProgress?.({ loaded, total });
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel().catch(() => undefined);
        throw new CancelledError();
      }
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      onProgress?.({ loaded, total });
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(loaded);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  } catch (e) {
    if (signal?.aborted) throw new CancelledError();
    if (e instanceof CancelledError) throw e;
    throw new FetchBytesError('network', `${url} stopped downloading (${text(e)})`);
  }
}
