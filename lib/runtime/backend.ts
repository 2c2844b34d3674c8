/**
 * Backend selection for the browser (and Node): webgpu -> webgl -> wasm -> cpu, falling back
 * automatically when one fails to initialise, and switching to the next one when the WebGL
 * context (or the WebGPU device) is lost at run time.
 *
 * Browser-safe: no Node-only imports; the webgpu and wasm backends are loaded with dynamic
 * import() so a page that never needs them doesn't pay for them. Models hold tensors on the
 * backend they were created on: after a 'backend-lost' event, rebuild them.
 */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, type BackendName } from './backend-names';
import { chosenThreads } from './thread-choice';
import { type ThreadPlan, type WasmThreads, planThreads, threadEnvironment, threadOutcome, threadsLabel } from './wasm-threads';

export { BACKEND_ORDER, BACKEND_LABELS, isBackendName, type BackendName } from './backend-names';

export interface BackendFallback {
  readonly backend: BackendName;
  readonly error: string;
}

export interface BackendInfo {
  readonly backend: BackendName;
  /** GPU name (WEBGL_debug_renderer_info / WebGPU adapter info), or a CPU-side description. */
  readonly renderer: string;
  /** Whether tf.time() returns real GPU kernel times (webgl timer query / webgpu timestamps). */
  readonly gpuTimer: boolean;
  /** Backends tried before this one and why they failed. */
  readonly fallbacks: readonly BackendFallback[];
  /** On wasm: the threads XNNPACK runs on, and why not more (wasm-threads.ts); null or absent on the other backends. */
  readonly threads?: WasmThreads | null;
  /** On wasm: which kernels run the convolutions (ops/grouped-conv-direct.ts convKernelsText); null or absent elsewhere. */
  readonly convKernels?: string | null;
}

export interface BackendLostEvent {
  readonly lost: BackendName;
  readonly reason: string;
  /** The backend now in use, or null if every fallback failed too. */
  readonly next: BackendInfo | null;
}

export interface InitBackendOptions {
  /** Candidates in order (default webgpu, webgl, wasm, cpu). */
  readonly order?: readonly BackendName[];
  /** Where the site serves the tfjs .wasm files (browser only). Default '/tfjs-wasm/'. */
  readonly wasmPaths?: string;
  /** Called when the active GPU backend is lost and after the fallback has been tried. */
  readonly onBackendLost?: (event: BackendLostEvent) => void;
}

const isBrowser = (): boolean => typeof window !== 'undefined' && typeof document !== 'undefined';

/**
 * How long the threaded WASM start may take before the page gives up on threads and starts the
 * single-threaded binary instead. Loading the 8 pool workers takes well under a second; a start
 * that never finishes (a worker that cannot load its script, e.g. under a host's stricter CSP)
 * would otherwise hang every job of the page.
 */
export const THREADED_START_TIMEOUT_MS = 20_000;

/** A thread count asked for before the wasm backend starts (the benchmark's --threads); undefined = one per core. */
let requestedThreads: number | undefined;
/** The plan the wasm backend was started with, and what it ended up with. */
let wasmPlan: ThreadPlan | null = null;
let wasmThreads: WasmThreads | null = null;

/**
 * Ask for `n` WASM threads (1 = the single-threaded SIMD binary) instead of one per core. Only
 * before the wasm backend starts: tfjs fixes its thread pool then, for the page's life.
 */
export function setWasmThreads(n: number | undefined): void {
  planThreads(null, n); // validates n
  if (wasmPlan && n !== requestedThreads) throw new Error('the WASM backend has started: its thread count is fixed until the page reloads');
  requestedThreads = n;
}

/** The threads the wasm backend runs with (null before it started). */
export function wasmThreadsInUse(): WasmThreads | null {
  return wasmThreads;
}

/** The thread plan for this page now: what the wasm backend uses once it starts. */
export function wasmThreadPlan(): ThreadPlan {
  if (wasmPlan) return wasmPlan;
  // The code's request (the benchmark's) first; else the reader's choice for this session, if any.
  const chosen = requestedThreads === undefined ? chosenThreads() : undefined;
  return planThreads(threadEnvironment(), requestedThreads ?? chosen, chosen !== undefined ? 'reader' : 'caller');
}

const listeners = new Set<(e: BackendLostEvent) => void>();

/** Subscribe to backend-lost events; returns the unsubscribe function. */
export function onBackendLost(listener: (e: BackendLostEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Minimal structural views of what we read from browser GPU APIs (no DOM/WebGPU typings needed).
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}
interface NavigatorGpu {
  gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
}
interface WebGLBackendLike {
  gpgpu?: { gl?: WebGLRenderingContext };
}
interface WebGPUBackendLike {
  device?: { lost?: Promise<{ message?: string; reason?: string }> };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Load and register a backend's package, and check the environment can run it at all. */
async function register(name: BackendName, wasmPaths: string): Promise<void> {
  switch (name) {
    case 'webgpu': {
      const nav = (typeof navigator !== 'undefined' ? navigator : undefined) as NavigatorGpu | undefined;
      if (!nav?.gpu) throw new Error('WebGPU is not available (navigator.gpu missing)');
      await import('@tensorflow/tfjs-backend-webgpu');
      if (!tf.findBackendFactory('webgpu')) throw new Error('WebGPU backend did not register');
      return;
    }
    case 'webgl':
      if (!isBrowser() && typeof OffscreenCanvas === 'undefined') throw new Error('WebGL needs a browser canvas');
      return; // part of @tensorflow/tfjs
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // The flags exist only once the package is loaded, and are read when the backend starts.
      if (isBrowser()) wasm.setWasmPaths(wasmPaths);
      if (wasmPlan) return; // planned (and set up) before: tfjs keeps its threads for the page's life
      // (Not tf.findBackend('wasm') to ask whether it started: that call starts it.)
      const plan = wasmThreadPlan();
      wasmPlan = plan;
      if (plan.threads > 1) {
        // The threaded build runs only if its worker glue survives the bundler's minifier (wasm-glue.ts).
        const { makeThreadedGlueMinifySafe } = await import('./wasm-glue');
        await makeThreadedGlueMinifySafe(wasmPaths);
        wasm.setThreadsCount(plan.threads);
      } else {
        // One thread: the single-threaded SIMD binary (no workers, no shared memory).
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      }
      return;
    }
    case 'cpu':
      return;
  }
}

async function rendererOf(name: BackendName): Promise<string> {
  try {
    if (name === 'webgl') {
      const gl = (tf.backend() as unknown as WebGLBackendLike).gpgpu?.gl;
      if (!gl) return 'WebGL';
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    }
    if (name === 'webgpu') {
      const adapter = await (navigator as unknown as NavigatorGpu).gpu?.requestAdapter();
      const i = adapter?.info;
      const parts = [i?.vendor, i?.architecture, i?.device, i?.description].filter((s): s is string => !!s);
      return parts.length ? parts.join(' ') : 'WebGPU adapter';
    }
    if (name === 'wasm') {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      return `WebAssembly (${simd ? 'SIMD' : 'no SIMD'}, ${threadsLabel(wasmThreads?.count ?? 1)})`;
    }
  } catch {
    // fall through
  }
  return name === 'cpu' ? 'JavaScript (tfjs cpu backend)' : name;
}

/** Does tf.time() give numeric kernel times on this backend? (kernelMs may be {error}.) */
/**
 * Whether the current GPU backend's timer gives real kernel times: tfjs-webgl's timer queries
 * (EXT_disjoint_timer_query_webgl2, flag WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_RELIABLE), or
 * tfjs-webgpu's timestamp queries, which report 0 ms for every kernel on a device without the
 * 'timestamp-query' feature instead of failing.
 */
export function gpuTimerWorks(backend: string): boolean {
  const b = tf.backend() as unknown as { supportTimestampQuery?: boolean; timerAvailable?: () => boolean };
  if (backend === 'webgl') return b.timerAvailable?.() === true;
  if (backend === 'webgpu') return b.supportTimestampQuery === true;
  return false;
}

async function probeGpuTimer(name: BackendName): Promise<boolean> {
  if (name !== 'webgl' && name !== 'webgpu') return false;
  if (!gpuTimerWorks(name)) return false;
  const a = tf.ones([8, 8]);
  try {
    const info = await tf.time(() => {
      tf.matMul(a, a).dispose();
    });
    return typeof info.kernelMs === 'number';
  } catch {
    return false;
  } finally {
    a.dispose();
  }
}

function watchForLoss(name: BackendName, order: readonly BackendName[], options: InitBackendOptions): void {
  const handle = (reason: string) => {
    if (tf.getBackend() !== name) return;
    const rest = order.slice(order.indexOf(name) + 1);
    void (async () => {
      let next: BackendInfo | null = null;
      try {
        next = await initBackend({ ...options, order: rest });
      } catch {
        next = null;
      }
      const event: BackendLostEvent = { lost: name, reason, next };
      options.onBackendLost?.(event);
      listeners.forEach((l) => l(event));
    })();
  };
  if (name === 'webgl') {
    const canvas = (tf.backend() as unknown as WebGLBackendLike).gpgpu?.gl?.canvas as EventTarget | undefined;
    canvas?.addEventListener?.('webglcontextlost', () => handle('WebGL context lost'), { once: true });
  } else if (name === 'webgpu') {
    (tf.backend() as unknown as WebGPUBackendLike).device?.lost?.then((info) => handle(`WebGPU device lost: ${info.message || info.reason || ''}`));
  }
}

/** Why the threaded start was given up for the single-threaded binary, or null. */
let threadedStartFailed: string | null = null;

/**
 * tf.setBackend('wasm'), with the threaded start bounded by THREADED_START_TIMEOUT_MS: past it, or
 * when it fails, the pending start is dropped (tfjs ignores a start that settles after its backend
 * was removed) and the single-threaded binary starts in its place, so a page never hangs on its
 * workers.
 */
async function startWasm(): Promise<boolean> {
  if (!wasmPlan || wasmPlan.threads === 1 || wasmThreads) return tf.setBackend('wasm');
  const factory = tf.findBackendFactory('wasm');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), THREADED_START_TIMEOUT_MS);
  });
  // tfjs caps its pool at half the cores it is told of (wasm-glue.ts): tell it twice the plan.
  const restore = (await import('./wasm-glue')).reportCores(wasmPlan.threads);
  let result: boolean | 'timeout';
  try {
    result = await Promise.race([tf.setBackend('wasm'), timeout]);
  } finally {
    restore();
    clearTimeout(timer);
  }
  if (result === true || !factory) return result === true;
  threadedStartFailed = result === 'timeout' ? `within ${THREADED_START_TIMEOUT_MS / 1000} s` : 'at all';
  tf.removeBackend('wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.registerBackend('wasm', factory, 2); // tfjs-backend-wasm's own priority (dist/base.js WASM_PRIORITY)
  return tf.setBackend('wasm');
}

/** Records the threads the wasm backend started with (tfjs' own count, after the start). */
async function noteWasmThreads(): Promise<void> {
  if (wasmThreads) return;
  const plan = wasmThreadPlan();
  let actual = 1;
  try {
    actual = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
  } catch {
    // not reported by this build: one thread
  }
  wasmThreads = threadOutcome(plan, threadedStartFailed ? 1 : actual, threadedStartFailed ?? undefined);
}

/**
 * Initialise the first backend of `order` that works. Throws only if none does.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const order = options.order ?? BACKEND_ORDER;
  const wasmPaths = options.wasmPaths ?? '/tfjs-wasm/';
  const fallbacks: BackendFallback[] = [];
  for (const name of order) {
    try {
      await register(name, wasmPaths);
      // setBackend resolves false (rather than throwing) when the factory fails.
      const ok = name === 'wasm' ? await startWasm() : await tf.setBackend(name);
      if (!ok) throw new Error(`tf.setBackend('${name}') failed`);
      await tf.ready();
      if (name === 'wasm') await noteWasmThreads();
      // A trivial op proves the backend really computes (catches half-initialised contexts).
      const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
      const v = (await probe.data())[0];
      probe.dispose();
      if (v !== 3) throw new Error(`${name} computed 1 + 2 = ${v}`);
      const info: BackendInfo = {
        backend: name,
        renderer: await rendererOf(name),
        gpuTimer: await probeGpuTimer(name),
        fallbacks,
        threads: name === 'wasm' ? wasmThreads : null,
        // Instantiates Layerwise's kernel on tfjs's memory now, at start-up, not in the first run.
        convKernels: name === 'wasm' ? (await import('./ops/grouped-conv-direct')).convKernelsText() : null,
      };
      watchForLoss(name, order, options);
      return info;
    } catch (e) {
      fallbacks.push({ backend: name, error: message(e) });
    }
  }
  throw new Error(`no tfjs backend could be initialised: ${fallbacks.map((f) => `${f.backend}: ${f.error}`).join('; ')}`);
}
