/**
 * The one loop that reads a download as it arrives: the digits dataset, the shipped digits weights
 * and a host's ImageNet weights all come down through it, each adding only what it checks (a size
 * from a header, a manifest's length and hash). Cancelling stops the stream and rejects with the
 * runtime's CancelledError; a stream that breaks off rejects with the caller's error.
 */
import { CancelledError } from '../runtime/cancel';

export interface ReadBodyOptions {
  readonly signal?: AbortSignal;
  /**
   * Called with each chunk and the bytes read so far (counting it). Return 'stop' to end the read
   * there (the rest of the stream is cancelled; the chunk is kept).
   */
  readonly onChunk?: (chunk: Uint8Array, loaded: number) => 'stop' | void;
  /** The error to throw when the stream breaks off after `loaded` bytes (default: the stream's own). */
  readonly brokeOff?: (cause: unknown, loaded: number) => Error;
  /**
   * Read into this buffer instead of keeping chunks (a download whose size is known: no second copy
   * of a large file). A body longer than the buffer stops at the chunk that overflows, and the
   * bytes returned are everything read, so the caller sees the real, longer size.
   */
  readonly into?: Uint8Array;
}

export interface Body {
  readonly bytes: Uint8Array;
  /** True when onChunk ended the read before the stream did. */
  readonly stopped: boolean;
}

/** Joins chunks into one buffer (the chunk itself when there is only one). */
export function joinChunks(chunks: readonly Uint8Array[], length = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export async function readBody(res: Response, options: ReadBodyOptions = {}): Promise<Body> {
  const { signal, onChunk, brokeOff } = options;
  if (!res.body) {
    // No stream (some test doubles, old engines): one chunk.
    const all = new Uint8Array(await res.arrayBuffer());
    onChunk?.(all, all.length);
    return { bytes: all, stopped: false };
  }
  const reader = res.body.getReader();
  const { into } = options;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const read = (): Uint8Array => (into ? (loaded === into.length ? into : into.subarray(0, loaded)) : joinChunks(chunks, loaded));
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel().catch(() => undefined);
      throw new CancelledError();
    }
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (e) {
      if (signal?.aborted) throw new CancelledError();
      throw brokeOff ? brokeOff(e, loaded) : e;
    }
    if (next.done) break;
    const chunk = next.value;
    if (into && loaded + chunk.length > into.length) {
      await reader.cancel().catch(() => undefined);
      const over = joinChunks([into.subarray(0, loaded), chunk]);
      onChunk?.(chunk, over.length);
      return { bytes: over, stopped: true };
    }
    if (into) into.set(chunk, loaded);
    else chunks.push(chunk);
    loaded += chunk.length;
    if (onChunk?.(chunk, loaded) === 'stop') {
      await reader.cancel().catch(() => undefined);
      return { bytes: read(), stopped: true };
    }
  }
  return { bytes: read(), stopped: false };
}
