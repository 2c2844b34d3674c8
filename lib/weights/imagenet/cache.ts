/**
 * The browser's copy of downloaded ImageNet weights (Cache API), so a file is fetched once. Keyed
 * by URL and SHA-256 (`…/resnet50.safetensors?sha256=…`): a host that replaces a file (new hash in
 * its manifest) gets the new one fetched, and the old copy is dropped when the new one is stored.
 *
 * The Cache API exists only in secure contexts (https, localhost); elsewhere (a static export on a
 * LAN http address) `openWeightsCache()` is null and every visit downloads again.
 */

/** The part of the Cache API used here (a Map-backed stand-in in tests). */
export interface WeightsCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, res: Response): Promise<void>;
  delete(key: string): Promise<boolean>;
  keys(): Promise<readonly { readonly url: string }[]>;
}

export const WEIGHTS_CACHE_NAME = 'layerwise-imagenet-weights-v1';

/** The cache key of a file with a given hash (absolute, as the Cache API stores it). */
export function cacheKey(url: string, sha256: string): string {
  const base = typeof location !== 'undefined' ? location.href : 'http://localhost/';
  const u = new URL(url, base);
  u.search = `?sha256=${sha256}`;
  return u.href;
}

/** The page's weights cache, or null where there is no Cache API (or it refuses, e.g. storage blocked). */
export async function openWeightsCache(): Promise<WeightsCache | null> {
  const cs = (globalThis as { caches?: CacheStorage }).caches;
  if (!cs || typeof cs.open !== 'function') return null;
  try {
    const c = await cs.open(WEIGHTS_CACHE_NAME);
    return {
      match: (k) => c.match(k),
      put: (k, r) => c.put(k, r),
      delete: (k) => c.delete(k),
      keys: async () => (await c.keys()).map((r) => ({ url: r.url })),
    };
  } catch {
    return null;
  }
}

/** Stores a verified file and drops other copies of the same URL (older hashes). Never throws (quota, private mode). */
export async function storeWeights(cache: WeightsCache, url: string, sha256: string, bytes: Uint8Array): Promise<boolean> {
  const key = cacheKey(url, sha256);
  try {
    const path = new URL(key).pathname;
    for (const k of await cache.keys()) if (k.url !== key && new URL(k.url).pathname === path) await cache.delete(k.url);
    await cache.put(
      key,
      new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) } }),
    );
    return true;
  } catch {
    return false;
  }
}
