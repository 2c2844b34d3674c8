/**
 * How many threads the WebAssembly backend runs with, and the one sentence the reader sees when it
 * is fewer than the device could use. tfjs-free, so the device panel, the widgets' backend notice
 * and the unit tests share it without loading TensorFlow.js.
 *
 * tfjs-backend-wasm runs XNNPACK on a pool of Web Workers sharing one WebAssembly.Memory, which is
 * a SharedArrayBuffer; browsers hand those out only to cross-origin isolated pages
 * (`self.crossOriginIsolated`: the page and every frame above it were served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`, in a
 * secure context). The site sends both headers on every page (lib/security/headers.mjs). An embed
 * inside a host page that does not send them cannot be isolated, whatever the embed itself sends:
 * it runs on one thread and says why.
 */

/**
 * The most threads the backend is given. The Emscripten glue of tfjs-backend-wasm 4.22 starts a
 * pool of 8 workers when it loads (`PThread.initMainThread`: `pthreadPoolSize=8` in
 * wasm-out/tfjs-backend-wasm-threaded-simd.js) and XNNPACK's pthreadpool uses the calling thread
 * as one of its threads, so up to 9 would fit; 8 keeps one worker spare. A thread the pool lacks
 * would have to be started while the main thread waits for it, which never finishes.
 */
export const MAX_WASM_THREADS = 8;

/** What the page can tell about itself (threadEnvironment() in a browser; tests pass their own). */
export interface ThreadEnvironment {
  /** `self.crossOriginIsolated`. */
  readonly crossOriginIsolated: boolean;
  /** `self.isSecureContext`: isolation needs HTTPS (or localhost). */
  readonly secureContext: boolean;
  /** Whether `SharedArrayBuffer` exists (isolated pages of browsers with WebAssembly threads). */
  readonly sharedArrayBuffer: boolean;
  /** `navigator.hardwareConcurrency` (logical cores). */
  readonly cores: number;
  /** The origin of the page this one is framed by (the top-level one), `''` when not known, null when not framed. */
  readonly embeddedIn: string | null;
}

export type ThreadReason =
  /** Isolated: as many threads as the device has cores (at most MAX_WASM_THREADS). */
  | 'isolated'
  /** Isolated, and the caller asked for a number (the benchmark's --threads). */
  | 'requested'
  /** Isolated, and the reader chose a number for this session (lib/runtime/thread-choice.ts). */
  | 'chosen'
  /** Isolated, but the device reports one core. */
  | 'one-core'
  /** Framed by a page that is not isolated. */
  | 'embedded'
  /** Top-level, served without COOP/COEP. */
  | 'not-isolated'
  /** Not HTTPS (nor localhost): browsers never isolate such a page. */
  | 'insecure'
  /** Isolated, but this browser has no shared memory for WebAssembly. */
  | 'no-shared-memory'
  /** Outside a browser (Node, tests): tfjs-backend-wasm has no threads there. */
  | 'not-a-browser';

export interface ThreadPlan {
  /** Threads the backend is started with (1 = the single-threaded SIMD binary). */
  readonly threads: number;
  readonly reason: ThreadReason;
  /** One plain sentence when fewer threads are used than the page could have with the right headers; null otherwise. */
  readonly notice: string | null;
}

/** "single thread", "2 threads". */
export function threadsLabel(n: number): string {
  return n === 1 ? 'single thread' : `${n} threads`;
}

/** The sentence for a page that cannot have threads; `where` is the parenthesis. */
function oneThread(where: string, need = 'COOP/COEP'): string {
  return `One thread: this page is not cross-origin isolated (${where}); threads need ${need}.`;
}

/**
 * The thread plan for a page. `requested`: a thread count the caller wants (1..MAX_WASM_THREADS),
 * honoured only where threads are possible; undefined = one per core. `by`: who asked, the code
 * (the benchmark's --threads: no notice) or the reader (their choice for the session: a notice
 * saying so, so the device panel can offer one per core back).
 */
export function planThreads(env: ThreadEnvironment | null, requested?: number, by: 'caller' | 'reader' = 'caller'): ThreadPlan {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1 && requested <= MAX_WASM_THREADS))
    throw new RangeError(`WASM threads must be a whole number from 1 to ${MAX_WASM_THREADS}, got ${requested}`);
  if (!env) return { threads: 1, reason: 'not-a-browser', notice: null };
  if (!env.crossOriginIsolated) {
    if (env.embeddedIn !== null) return { threads: 1, reason: 'embedded', notice: oneThread(`embedded in ${env.embeddedIn || 'another page'}`) };
    if (!env.secureContext) return { threads: 1, reason: 'insecure', notice: oneThread('it is not served over HTTPS', 'HTTPS and COOP/COEP') };
    return { threads: 1, reason: 'not-isolated', notice: oneThread('its server sent no COOP/COEP headers') };
  }
  if (!env.sharedArrayBuffer)
    return { threads: 1, reason: 'no-shared-memory', notice: 'One thread: this browser gives WebAssembly no shared memory, which threads need.' };
  const cores = Math.max(1, Math.floor(env.cores || 1));
  if (requested !== undefined && by === 'reader')
    return {
      threads: requested,
      reason: 'chosen',
      notice: `${requested === 1 ? 'One thread' : threadsLabel(requested)}, as chosen for this browser session (for steadier per-layer times); this device could run ${Math.min(cores, MAX_WASM_THREADS)}.`,
    };
  if (requested !== undefined) return { threads: requested, reason: 'requested', notice: null };
  if (cores === 1) return { threads: 1, reason: 'one-core', notice: null };
  return { threads: Math.min(cores, MAX_WASM_THREADS), reason: 'isolated', notice: null };
}

/** The origin of the top-level page that frames this one ('' when the browser does not say), null when not framed. */
function embedder(): string | null {
  let framed: boolean;
  try {
    framed = window.self !== window.top;
  } catch {
    framed = true; // reading window.top across origins may throw in old browsers
  }
  if (!framed) return null;
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[ancestors.length - 1];
  try {
    return document.referrer ? new URL(document.referrer).origin : '';
  } catch {
    return '';
  }
}

/** This page's environment; null outside a browser. */
export function threadEnvironment(): ThreadEnvironment | null {
  if (typeof window === 'undefined' || typeof document === 'undefined') return null;
  return {
    crossOriginIsolated: self.crossOriginIsolated === true,
    secureContext: self.isSecureContext === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    cores: typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1,
    embeddedIn: embedder(),
  };
}

/** What the WASM backend ended up with (BackendInfo.threads). */
export interface WasmThreads {
  /** Threads XNNPACK runs on (tfjs' getThreadsCount() once the backend started). */
  readonly count: number;
  /** The plan's reason, or 'failed': the threaded start did not finish and one thread runs instead. */
  readonly reason: ThreadReason | 'failed';
  /** The sentence for the reader, or null. */
  readonly notice: string | null;
}

/**
 * The outcome once the backend started: the plan, unless tfjs ran fewer threads (its own check of
 * WebAssembly threads failed) or the threaded start did not finish (`failed`: "within 20 s", "at
 * all") and the single-threaded binary ran instead.
 */
export function threadOutcome(plan: ThreadPlan, actual: number, failed?: string): WasmThreads {
  if (failed)
    return {
      count: 1,
      reason: 'failed',
      notice: `One thread: the ${plan.threads} WebAssembly threads did not start ${failed}, so the page uses the single-threaded backend.`,
    };
  if (actual < plan.threads && plan.threads > 1)
    return {
      count: actual,
      reason: 'no-shared-memory',
      notice: `${actual === 1 ? 'One thread' : threadsLabel(actual)}: this browser gives WebAssembly fewer threads than the page asked for (${plan.threads}).`,
    };
  return { count: actual, reason: plan.reason, notice: plan.notice };
}
