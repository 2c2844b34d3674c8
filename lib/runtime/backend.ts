/**
 * Backend selection for the browser: WebGPU → WebGL → WASM → CPU, falling back automatically when
 * one fails to initialise, and reporting why. Also detects GPU timers and the renderer string, and
 * lets callers react to a lost WebGL context.
 *
 * Import this module with import() from client components: it pulls in tfjs and its backends.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export interface BackendFailure {
  readonly backend: BackendName;
  readonly error: string;
}

export interface BackendResult {
  readonly backend: BackendName;
  /** GPU renderer (WebGL's unmasked renderer, or WebGPU adapter info); null when unknown or CPU. */
  readonly renderer: string | null;
  /** True when tf.time() gives kernel times from a GPU timer (WebGL disjoint timer query, WebGPU timestamps). */
  readonly gpuTimer: boolean;
  /** Backends tried before the one in use, and why each failed. */
  readonly fallbacks: readonly BackendFailure[];
}

/** Where the site serves the tfjs WASM binaries (copied there by scripts/copy-assets.mjs). */
export const WASM_PATH = '/tfjs-wasm/';

let wasmConfigured = false;
function configureWasm() {
  if (wasmConfigured) return;
  // Multithreaded WASM hangs inside a minified Next bundle (tfjs issue 4107): single-threaded SIMD.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (typeof window !== 'undefined') setWasmPaths(WASM_PATH);
  wasmConfigured = true;
}

export function isBackendName(v: unknown): v is BackendName {
  return typeof v === 'string' && (BACKEND_ORDER as readonly string[]).includes(v);
}

/** The order to try: the preferred backend first (if any), then the rest in the default order. */
export function backendOrder(preferred?: BackendName): BackendName[] {
  const rest = BACKEND_ORDER.filter((b) => b !== preferred);
  return preferred ? [preferred, ...rest] : [...rest];
}

async function trySet(name: BackendName): Promise<void> {
  if (name === 'wasm') configureWasm();
  if (name === 'webgpu' && (typeof navigator === 'undefined' || !('gpu' in navigator))) {
    throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') returned false`);
  await tf.ready();
  // A backend can register yet fail at its first kernel (e.g. a blocklisted GPU): prove it works.
  const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
  const v = (await probe.data())[0];
  probe.dispose();
  if (v !== 2) throw new Error(`backend '${name}' computed 1 + 1 = ${v}`);
}

function rendererString(name: BackendName): string | null {
  try {
    if (name === 'webgl') {
      const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
      if (!gl) return null;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
      return typeof r === 'string' ? r : null;
    }
    if (name === 'webgpu') {
      const info = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string; description?: string } })
        .adapterInfo;
      if (!info) return null;
      const parts = [info.vendor, info.architecture, info.description].filter((s) => s && s.length > 0);
      return parts.length > 0 ? parts.join(' · ') : null;
    }
  } catch {
    /* a renderer string is informative only */
  }
  return null;
}

function hasGpuTimer(name: BackendName): boolean {
  if (name === 'webgl') {
    const version = tf.env().getNumber('WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_VERSION');
    return version > 0;
  }
  if (name === 'webgpu') {
    const b = tf.backend() as unknown as { supportTimestampQuery?: boolean };
    return b.supportTimestampQuery === true;
  }
  return false;
}

/**
 * Selects the first backend that initialises and works, starting with `preferred`.
 * Never throws unless even the CPU backend fails.
 */
export async function initBackend(preferred?: BackendName): Promise<BackendResult> {
  const fallbacks: BackendFailure[] = [];
  for (const name of backendOrder(preferred)) {
    try {
      await trySet(name);
      return { backend: name, renderer: rendererString(name), gpuTimer: hasGpuTimer(name), fallbacks };
    } catch (e) {
      fallbacks.push({ backend: name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${fallbacks.map((f) => `${f.backend}: ${f.error}`).join('; ')}`);
}

/**
 * Calls `onLost` when the WebGL context backing tfjs is lost (driver reset, too many contexts),
 * so the caller can move to the next backend without losing its state. Returns an unsubscribe.
 */
export function onContextLost(onLost: (backend: BackendName) => void): () => void {
  if (tf.getBackend() !== 'webgl') return () => {};
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  const canvas = gl?.canvas;
  if (!canvas || !('addEventListener' in canvas)) return () => {};
  const handler = (ev: Event) => {
    ev.preventDefault();
    onLost('webgl');
  };
  canvas.addEventListener('webglcontextlost', handler);
  return () => canvas.removeEventListener('webglcontextlost', handler);
}
