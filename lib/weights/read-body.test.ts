import { describe, expect, it } from 'vitest';
import { CancelledError } from '../runtime/cancel';
import { joinChunks, readBody } from './read-body';

/** A response whose body arrives in the given chunks, then optionally breaks off. */
function streamed(chunks: readonly number[][], breakOff = false): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < chunks.length) c.enqueue(Uint8Array.from(chunks[i++]));
      else if (breakOff) c.error(new Error('connection reset'));
      else c.close();
    },
  });
  return new Response(body);
}

describe('readBody', () => {
  it('joins the chunks and reports each with the running total', async () => {
    const seen: number[] = [];
    const { bytes, stopped } = await readBody(streamed([[1, 2], [3], [4, 5, 6]]), { onChunk: (_c, n) => void seen.push(n) });
    expect([...bytes]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen).toEqual([2, 3, 6]);
    expect(stopped).toBe(false);
  });

  it("stops where onChunk says 'stop', keeping that chunk", async () => {
    const r = await readBody(streamed([[1], [2], [3]]), { onChunk: (_c, n) => (n === 2 ? 'stop' : undefined) });
    expect([...r.bytes]).toEqual([1, 2]);
    expect(r.stopped).toBe(true);
  });

  it('reads into a given buffer, and returns the longer bytes when the body overflows it', async () => {
    const into = new Uint8Array(4);
    const fits = await readBody(
      streamed([
        [1, 2],
        [3, 4],
      ]),
      { into },
    );
    expect(fits.bytes).toBe(into);
    expect([...into]).toEqual([1, 2, 3, 4]);
    const over = await readBody(streamed([[1, 2], [3, 4, 5], [6]]), { into: new Uint8Array(4) });
    expect([...over.bytes]).toEqual([1, 2, 3, 4, 5]);
    expect(over.stopped).toBe(true);
    const short = await readBody(streamed([[9]]), { into: new Uint8Array(4) });
    expect([...short.bytes]).toEqual([9]);
  });

  it("throws the caller's error when the stream breaks off, with the bytes read so far", async () => {
    await expect(readBody(streamed([[1, 2, 3]], true), { brokeOff: (e, n) => new Error(`after ${n} bytes: ${(e as Error).message}`) })).rejects.toThrow(
      'after 3 bytes: connection reset',
    );
  });

  it('rejects with CancelledError once the signal is aborted', async () => {
    const ac = new AbortController();
    const r = readBody(streamed([[1], [2], [3]]), { signal: ac.signal, onChunk: () => ac.abort() });
    await expect(r).rejects.toBeInstanceOf(CancelledError);
  });

  it('joinChunks returns a single chunk as it is', () => {
    const one = Uint8Array.from([7]);
    expect(joinChunks([one])).toBe(one);
    expect([...joinChunks([Uint8Array.from([1]), Uint8Array.from([2, 3])])]).toEqual([1, 2, 3]);
  });
});
