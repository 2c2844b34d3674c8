import { createHash, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isCancelled } from '../../runtime/cancel';
import { type WeightsCache, cacheKey } from './cache';
import { type DownloadProgress, ImagenetWeightsError, fetchImagenetWeights } from './download';
import type { ImagenetEntry } from './manifest';

const FILE = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) & 0xff);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const ENTRY: ImagenetEntry = {
  id: 'shufflenet_v2_x0_5',
  file: 'shufflenet_v2_x0_5.f16.safetensors',
  dtype: 'F16',
  bytes: FILE.length,
  sha256: sha(FILE),
  params: 1,
  pretrained: false,
  source: { weights: 'ShuffleNet_V2_X0_5_Weights.IMAGENET1K_V1', url: 'https://download.pytorch.org/models/x.pth' },
  licence: 'note',
};
const SUBTLE = webcrypto.subtle as SubtleCrypto;

/** A body that arrives in chunks of `chunk` bytes, optionally breaking off with an error. */
function body(bytes: Uint8Array, chunk = 3000, breakAt?: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (breakAt !== undefined && at >= breakAt) return c.error(new TypeError('network connection lost'));
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

function server(respond: () => Response) {
  const calls: string[] = [];
  const f = (async (url: string) => {
    calls.push(String(url));
    return respond();
  }) as unknown as typeof fetch;
  return { fetch: f, calls };
}

function memoryCache(): WeightsCache & { store: Map<string, Uint8Array> } {
  const store = new Map<string, Uint8Array>();
  return {
    store,
    match: async (k) => (store.has(k) ? new Response(store.get(k)!.slice() as Uint8Array<ArrayBuffer>) : undefined),
    put: async (k, r) => void store.set(k, new Uint8Array(await r.arrayBuffer())),
    delete: async (k) => store.delete(k),
    keys: async () => [...store.keys()].map((url) => ({ url })),
  };
}

async function failure(p: Promise<unknown>): Promise<ImagenetWeightsError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImagenetWeightsError);
  return e as ImagenetWeightsError;
}

describe('fetchImagenetWeights', () => {
  it.each([
    ['Web Crypto', SUBTLE, 'subtle'],
    ['pure JS (no secure context)', null, 'js'],
  ] as const)('downloads with progress, verifies (%s), caches; the second call is served from the cache', async (_, subtle, path) => {
    const s = server(() => new Response(body(FILE)));
    const cache = memoryCache();
    const seen: DownloadProgress[] = [];
    const r = await fetchImagenetWeights(ENTRY, { fetch: s.fetch, cache, subtle, onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ fromCache: false, hashPath: path, cached: true });
    expect(r.bytes).toEqual(FILE);
    expect(s.calls).toEqual(['/weights/imagenet/shufflenet_v2_x0_5.f16.safetensors']);
    expect(seen.filter((p) => p.stage === 'download').map((p) => p.loaded)).toEqual([0, 3000, 6000, 9000, 10000]);
    expect(seen.at(-1)).toEqual({ loaded: 10000, total: 10000, stage: 'verify' });
    expect([...cache.store.keys()]).toEqual([cacheKey('/weights/imagenet/shufflenet_v2_x0_5.f16.safetensors', ENTRY.sha256)]);

    const again = await fetchImagenetWeights(ENTRY, { fetch: s.fetch, cache, subtle });
    expect(again).toMatchObject({ fromCache: true, hashPath: path });
    expect(again.bytes).toEqual(FILE);
    expect(s.calls).toHaveLength(1);
  });

  it('a file that does not hash to the manifest is refused and not cached', async () => {
    const tampered = FILE.slice();
    tampered[5000] ^= 1;
    for (const subtle of [SUBTLE, null]) {
      const cache = memoryCache();
      const e = await failure(fetchImagenetWeights(ENTRY, { fetch: server(() => new Response(body(tampered))).fetch, cache, subtle }));
      expect(e.failure).toBe('hash');
      expect(e.message).toBe(
        `shufflenet_v2_x0_5.f16.safetensors does not match the manifest: its SHA-256 is ${sha(tampered).slice(0, 12)}… where the manifest says ${ENTRY.sha256.slice(0, 12)}…, so the file was changed or damaged.`,
      );
      expect(cache.store.size).toBe(0);
    }
  });

  it('a missing file (404), another HTTP error and an unreachable site each say so', async () => {
    const missing = await failure(fetchImagenetWeights(ENTRY, { fetch: server(() => new Response('no', { status: 404 })).fetch, cache: null }));
    expect(missing.failure).toBe('missing');
    expect(missing.message).toBe(
      'shufflenet_v2_x0_5.f16.safetensors is not on this site (HTTP 404): the manifest lists it, but the file is missing from /weights/imagenet/.',
    );
    const http = await failure(
      fetchImagenetWeights(ENTRY, { fetch: server(() => new Response('x', { status: 500, statusText: 'Internal Server Error' })).fetch, cache: null }),
    );
    expect(http.message).toBe('shufflenet_v2_x0_5.f16.safetensors could not be fetched: the site answered HTTP 500 Internal Server Error.');
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const net = await failure(fetchImagenetWeights(ENTRY, { fetch: offline, cache: null }));
    expect(net.message).toBe('shufflenet_v2_x0_5.f16.safetensors could not be fetched from this site (Failed to fetch).');
  });

  it('a truncated download, one that breaks off, and an over-long file are refused with their sizes', async () => {
    const short = await failure(fetchImagenetWeights(ENTRY, { fetch: server(() => new Response(body(FILE.slice(0, 7000)))).fetch, cache: null, subtle: null }));
    expect(short.failure).toBe('truncated');
    expect(short.message).toBe(
      'The download of shufflenet_v2_x0_5.f16.safetensors stopped short: 7.00 kB of the 10.0 kB the manifest lists (7,000 of 10,000 bytes).',
    );
    const broke = await failure(fetchImagenetWeights(ENTRY, { fetch: server(() => new Response(body(FILE, 3000, 6000))).fetch, cache: null }));
    expect(broke.failure).toBe('network');
    expect(broke.message).toBe('The download of shufflenet_v2_x0_5.f16.safetensors broke off after 6.00 kB of 10.0 kB (network connection lost).');
    const long = await failure(fetchImagenetWeights(ENTRY, { fetch: server(() => new Response(body(new Uint8Array([...FILE, 1, 2])))).fetch, cache: null }));
    expect(long.failure).toBe('too-long');
    expect(long.message).toMatch(/is longer than the manifest says \(10,002 bytes, not 10,000\)/);
  });

  it('a damaged copy in the cache is dropped and the file fetched again', async () => {
    const cache = memoryCache();
    const key = cacheKey('/weights/imagenet/shufflenet_v2_x0_5.f16.safetensors', ENTRY.sha256);
    cache.store.set(key, FILE.slice(0, 100));
    const s = server(() => new Response(body(FILE)));
    const r = await fetchImagenetWeights(ENTRY, { fetch: s.fetch, cache });
    expect(r.fromCache).toBe(false);
    expect(s.calls).toHaveLength(1);
    expect(cache.store.get(key)).toEqual(FILE);
  });

  it('a new file for the same model (new hash) replaces the old copy in the cache', async () => {
    const cache = memoryCache();
    const old = cacheKey('/weights/imagenet/shufflenet_v2_x0_5.f16.safetensors', 'a'.repeat(64));
    cache.store.set(old, new Uint8Array(3));
    await fetchImagenetWeights(ENTRY, { fetch: server(() => new Response(body(FILE))).fetch, cache });
    expect([...cache.store.keys()]).toEqual([cacheKey('/weights/imagenet/shufflenet_v2_x0_5.f16.safetensors', ENTRY.sha256)]);
  });

  it('cancelling stops the download with a CancelledError and caches nothing', async () => {
    const ac = new AbortController();
    const cache = memoryCache();
    const p = fetchImagenetWeights(ENTRY, {
      fetch: server(() => new Response(body(FILE, 1000))).fetch,
      cache,
      signal: ac.signal,
      onProgress: (pr) => pr.loaded >= 2000 && ac.abort(),
    });
    await expect(p).rejects.toSatisfy(isCancelled);
    expect(cache.store.size).toBe(0);
  });
});
