import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCancelled } from '../../runtime/cancel';
import { encodeDigits } from './format';
import { loadDigits, loadPackedDigits, type DigitsProgress } from './load';

/** 3 train + 1 test 28×28 digits. */
const file = encodeDigits({
  train: { pixels: Uint8Array.from({ length: 3 * 784 }, (_, i) => i % 256), labels: Uint8Array.of(1, 2, 3) },
  test: { pixels: new Uint8Array(784).fill(255), labels: Uint8Array.of(9) },
  seed: 13,
});

/** A response whose body arrives in chunks of `size` bytes (the first one smaller than the header). */
function chunked(bytes: Uint8Array, size: number, status = 200): Response {
  let o = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (o >= bytes.length) return c.close();
      const n = o === 0 ? 10 : size;
      c.enqueue(bytes.slice(o, o + n));
      o += n;
    },
  });
  return new Response(stream, { status });
}

let n = 0;
const url = () => `/data/test-${n++}.bin`;

afterEach(() => vi.unstubAllGlobals());

describe('loadDigits (browser)', () => {
  it('fetches, reports progress against the header total, decodes to NCHW float32', async () => {
    const fetchMock = vi.fn(async () => chunked(file, 1000));
    vi.stubGlobal('fetch', fetchMock);
    const seen: DigitsProgress[] = [];
    const u = url();
    const d = await loadDigits({ url: u, onProgress: (p) => seen.push(p) });
    expect(fetchMock).toHaveBeenCalledWith(u, expect.anything());
    expect(d.train.shape).toEqual([3, 1, 28, 28]);
    expect(d.test.shape).toEqual([1, 1, 28, 28]);
    expect([...d.train.labels]).toEqual([1, 2, 3]);
    expect(d.test.images[0]).toBe(1);
    expect(d.train.images[255]).toBe(1);
    expect(d.train.images[51]).toBe(Math.fround(51 / 255));
    expect(seen[0]).toEqual({ loaded: 10, total: null });
    expect(seen.at(-1)).toEqual({ loaded: file.length, total: file.length });
    expect(seen.slice(1).every((p) => p.total === file.length)).toBe(true);
    // Fetched once per URL.
    await loadPackedDigits({ url: u });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('cancels with a CancelledError, before or during the download', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => chunked(file, 100)),
    );
    const before = new AbortController();
    before.abort();
    await expect(loadDigits({ url: url(), signal: before.signal })).rejects.toSatisfy(isCancelled);
    const during = new AbortController();
    const e = await loadDigits({ url: url(), signal: during.signal, onProgress: (p) => p.loaded > 500 && during.abort() }).catch((x: unknown) => x);
    expect(isCancelled(e)).toBe(true);
  });

  it('a missing asset or a wrong file gets a clear message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('not found', { status: 404 })),
    );
    await expect(loadDigits({ url: '/data/missing.bin' })).rejects.toThrow(/\/data\/missing.bin answered HTTP 404 \(run npm run prepare-assets/);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<!DOCTYPE html>…')),
    );
    await expect(loadDigits({ url: url() })).rejects.toThrow(/digits asset magic: .*not a digits asset/);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => chunked(file.subarray(0, 2000), 500)),
    );
    await expect(loadDigits({ url: url() })).rejects.toThrow(/digits asset truncated: 2000 bytes/);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(loadDigits({ url: url() })).rejects.toThrow(/could not load the digits dataset from .*: Failed to fetch/);
  });
});
