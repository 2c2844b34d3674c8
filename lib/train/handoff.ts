/**
 * "Open the trained weights in the model lab": /train stores a trained state_dict (.safetensors
 * bytes) in this browser and links to `/models/<id>?trained=<key>`; the lab reads them back.
 * Weights never go into a URL (a DenseNet's are hundreds of kB); only the key does.
 *
 * Storage is IndexedDB (database `layerwise-trained`, store `weights`), which survives a reload
 * and a new tab. Where IndexedDB is missing or refused (some private modes, Node), an in-memory
 * store of the page is used instead: the link then works within this page visit (client-side
 * navigation) and the lab says plainly when a key is not there. The store keeps the newest
 * MAX_TRAINED_ENTRIES entries and drops older ones, so repeated trainings don't fill the disk.
 */

export interface TrainedWeights {
  readonly key: string;
  /** The registered model id the weights were trained for. */
  readonly modelId: string;
  /**
   * The architecture knobs they were trained with, as the model lab's query of the changed knobs
   * (`k=24&blocks=6%2C6%2C6`; lib/models/lab-schema.ts labKnobQuery); empty: the model as registered.
   * The lab loads the weights only into the same network, and links to it otherwise.
   */
  readonly knobs: string;
  /** Shown in the lab ("densenet_digits, 300 steps, seed 0"). */
  readonly label: string;
  /** The .safetensors file's bytes. */
  readonly bytes: Uint8Array;
  /** Date.now() when stored. */
  readonly savedAt: number;
}

/** Where trained weights are kept (IndexedDB in the browser; memory in tests). */
export interface TrainedWeightsStore {
  put(entry: TrainedWeights): Promise<void>;
  get(key: string): Promise<TrainedWeights | null>;
  /** Keys, oldest first. */
  keys(): Promise<{ key: string; savedAt: number }[]>;
  delete(key: string): Promise<void>;
}

export const MAX_TRAINED_ENTRIES = 8;
/** The lab's `trained` URL parameter takes keys of this form (what newKey() makes). */
export const TRAINED_KEY_PATTERN = /^[a-z0-9]{1,24}-[a-z0-9]{1,24}$/;
export const TRAINED_KEY_MAX_LENGTH = 49;

/** A new key: time (base 36) and randomness, short enough for a link. */
export function newKey(now = Date.now(), rand: () => number = Math.random): string {
  return `${now.toString(36)}-${Math.floor(rand() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`;
}

export function memoryStore(): TrainedWeightsStore {
  const m = new Map<string, TrainedWeights>();
  return {
    put: async (e) => void m.set(e.key, e),
    get: async (k) => m.get(k) ?? null,
    keys: async () => [...m.values()].sort((a, b) => a.savedAt - b.savedAt).map(({ key, savedAt }) => ({ key, savedAt })),
    delete: async (k) => void m.delete(k),
  };
}

const DB = 'layerwise-trained';
const STORE = 'weights';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(idb: IDBFactory): Promise<IDBDatabase> {
  const r = idb.open(DB, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'key' });
  return request(r);
}

/** The IndexedDB store (browser). */
export function indexedDbStore(idb: IDBFactory): TrainedWeightsStore {
  let db: Promise<IDBDatabase> | null = null;
  const tx = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    db ??= openDb(idb).catch((e: unknown) => {
      db = null;
      throw e;
    });
    const t = (await db).transaction(STORE, mode);
    const result = await request(fn(t.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
    });
    return result;
  };
  return {
    put: async (e) => void (await tx('readwrite', (s) => s.put(e))),
    get: async (k) => ((await tx('readonly', (s) => s.get(k))) as TrainedWeights | undefined) ?? null,
    keys: async () =>
      ((await tx('readonly', (s) => s.getAll())) as TrainedWeights[]).sort((a, b) => a.savedAt - b.savedAt).map(({ key, savedAt }) => ({ key, savedAt })),
    delete: async (k) => void (await tx('readwrite', (s) => s.delete(k))),
  };
}

let fallback: TrainedWeightsStore | null = null;
let chosen: TrainedWeightsStore | null = null;

/** IndexedDB when the page has it, else the page's in-memory store. */
function defaultStore(): TrainedWeightsStore {
  if (chosen) return chosen;
  fallback ??= memoryStore();
  chosen = typeof indexedDB !== 'undefined' ? withFallback(indexedDbStore(indexedDB), fallback) : fallback;
  return chosen;
}

/** A store that falls back to memory when IndexedDB refuses (private mode, quota). */
function withFallback(primary: TrainedWeightsStore, backup: TrainedWeightsStore): TrainedWeightsStore {
  const either =
    <A extends unknown[], R>(f: (s: TrainedWeightsStore, ...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await f(primary, ...a);
      } catch {
        return f(backup, ...a);
      }
    };
  return {
    put: either((s, e: TrainedWeights) => s.put(e)),
    get: async (k) => {
      try {
        return (await primary.get(k)) ?? (await backup.get(k));
      } catch {
        return backup.get(k);
      }
    },
    keys: either((s) => s.keys()),
    delete: async (k) => {
      await backup.delete(k);
      await primary.delete(k).catch(() => undefined);
    },
  };
}

/** Stores trained weights; returns the key for `/models/<modelId>?trained=<key>`. */
export async function saveTrainedWeights(
  entry: { readonly modelId: string; readonly knobs?: string; readonly bytes: Uint8Array; readonly label: string },
  store: TrainedWeightsStore = defaultStore(),
): Promise<string> {
  if (entry.bytes.length === 0) throw new Error('no weights to store (0 bytes)');
  const key = newKey();
  // A copy: the caller's buffer may be reused or transferred.
  await store.put({ key, modelId: entry.modelId, knobs: entry.knobs ?? '', label: entry.label, bytes: entry.bytes.slice(), savedAt: Date.now() });
  const all = await store.keys();
  for (const old of all.slice(0, Math.max(0, all.length - MAX_TRAINED_ENTRIES))) await store.delete(old.key);
  return key;
}

/** The stored weights for `key`, or null when they are not (or no longer) in this browser. */
export async function loadTrainedWeights(key: string, store: TrainedWeightsStore = defaultStore()): Promise<TrainedWeights | null> {
  if (!TRAINED_KEY_PATTERN.test(key)) return null;
  const entry = await store.get(key);
  // Entries stored before knobs were recorded are of the model as registered.
  return entry ? { ...entry, knobs: typeof entry.knobs === 'string' ? entry.knobs : '' } : null;
}

/** The lab link for stored weights, with the knobs they were trained with (the lab's query form). */
export function trainedLabHref(modelId: string, key: string, knobs = ''): string {
  return `/models/${modelId}?trained=${encodeURIComponent(key)}${knobs ? `&${knobs}` : ''}`;
}
