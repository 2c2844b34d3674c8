/**
 * The reader's own choice of WebAssembly threads for this browser session: the model lab's profile
 * offers one thread when the passes spread widely on several (a pass now and then waits for a pool
 * thread the system has not woken), and the device panel offers one per core back. tfjs fixes its
 * thread pool when the WASM backend starts, for the page's life, so a choice takes effect when the
 * page loads again; it lives in sessionStorage (this tab, until it closes), is read once by
 * lib/runtime/backend.ts before the backend starts, and is validated like any other input: a value
 * that is not a thread count is dropped. tfjs-free.
 */
import { MAX_WASM_THREADS } from './wasm-threads';

export const THREAD_CHOICE_KEY = 'layerwise:wasm-threads';

/** The storage a choice lives in: sessionStorage where the browser gives it (not in Node, nor in a sandboxed frame that forbids it). */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function sessionStore(): Store | null {
  try {
    return typeof sessionStorage !== 'undefined' ? sessionStorage : null;
  } catch {
    return null; // storage refused (a sandboxed frame, some privacy settings)
  }
}

/** The thread count the reader chose for this session, or undefined (one per core); a malformed value is removed. */
export function chosenThreads(store: Store | null = sessionStore()): number | undefined {
  let raw: string | null = null;
  try {
    raw = store?.getItem(THREAD_CHOICE_KEY) ?? null;
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  const n = /^\d$/.test(raw) ? Number(raw) : NaN;
  if (n >= 1 && n <= MAX_WASM_THREADS) return n;
  try {
    store?.removeItem(THREAD_CHOICE_KEY);
  } catch {
    /* nothing to clean up where storage is refused */
  }
  return undefined;
}

/**
 * Choose `n` threads (null: one per core again) for the next page load of this session. Returns
 * false where the browser keeps no session storage, so the caller can say the choice cannot be kept.
 */
export function chooseThreads(n: number | null, store: Store | null = sessionStore()): boolean {
  if (n !== null && !(Number.isInteger(n) && n >= 1 && n <= MAX_WASM_THREADS))
    throw new RangeError(`WASM threads must be a whole number from 1 to ${MAX_WASM_THREADS}, got ${n}`);
  if (!store) return false;
  try {
    if (n === null) store.removeItem(THREAD_CHOICE_KEY);
    else store.setItem(THREAD_CHOICE_KEY, String(n));
    return true;
  } catch {
    return false;
  }
}
