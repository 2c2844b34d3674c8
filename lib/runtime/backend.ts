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
      // Threads hang in minified bundles (tfjs issue 4107) and need COOP/COEP headers anyway.
      // The flag exists only once the package is loaded, and is read when the backend starts.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (isBrowser()) wasm.setWasmPaths(wasmPaths);
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
      return `WebAssembly (${simd ? 'SIMD' : 'no SIMD'}, single thread)`;
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
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error(`tf.setBackend('${name}') failed`);
      await tf.ready();
      // A trivial op proves the backend really computes (catches half-initialised contexts).
      const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
      const v = (await probe.data())[0];
      probe.dispose();
      if (v !== 3) throw new Error(`${name} computed 1 + 2 = ${v}`);
      const info: BackendInfo = { backend: name, renderer: await rendererOf(name), gpuTimer: await probeGpuTimer(name), fallbacks };
      watchForLoss(name, order, options);
      return info;
    } catch (e) {
      fallbacks.push({ backend: name, error: message(e) });
    }
  }
  throw new Error(`no tfjs backend could be initialised: ${fallbacks.map((f) => `${f.backend}: ${f.error}`).join('; ')}`);
}
