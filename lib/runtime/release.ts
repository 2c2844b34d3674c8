/**
 * Giving the GPU back. A page (an embed frame, say) that shows tfjs widgets only while they are on
 * screen unmounts a widget when it scrolls away; the widget disposes its models, and this helper
 * then releases the WebGL context (or WebGPU device) tfjs keeps for the page, if no other widget
 * on the page still holds the runtime. Browsers allow a renderer only about 16 live WebGL contexts,
 * so twenty embeds on one page must not keep one each while off screen.
 *
 *   const release = holdRuntime();            // a widget that may use tfjs is mounted
 *   …
 *   release();                                // it unmounted (its models are disposed)
 *   await releaseGpuIfIdle();                 // frees the context when nobody holds the runtime
 *
 * The backend stays registered: the next widget that asks for WebGL gets a fresh context. Also:
 * watchBackendLoss() resets a backend whose context the browser took away, so that asking for it
 * again starts a fresh one instead of reusing a dead one.
 *
 * Imports tfjs: load with import() from client components.
 */
import * as tf from '@tensorflow/tfjs';
import { onBackendLost, type BackendLostEvent } from './backend';
import { enqueue } from './job-queue';
import { numTensors } from './tensors';

export { numTensors } from './tensors';

const GPU_BACKENDS = ['webgl', 'webgpu'] as const;
type GpuBackend = (typeof GPU_BACKENDS)[number];

interface EngineInternals {
  registry: Record<string, unknown>;
  registryFactory: Record<string, { factory: () => unknown; priority: number } | undefined>;
  backendName: string | null;
  backendInstance: unknown;
}
interface WebGLLike {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
}
interface WebGPULike {
  device?: { destroy?: () => void };
}

const engine = () => tf.engine() as unknown as EngineInternals;

let holders = 0;

/** Marks the runtime as in use until the returned function is called (once). */
export function holdRuntime(): () => void {
  holders++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    holders = Math.max(0, holders - 1);
  };
}

export function runtimeHolders(): number {
  return holders;
}

/** GPU backends with a live instance (a context or device). */
export function liveGpuBackends(): GpuBackend[] {
  const reg = engine().registry;
  return GPU_BACKENDS.filter((b) => b in reg);
}

/** Resolves when numTensors() reaches `target` (true) or after `timeoutMs` (false). */
export async function waitForTensors(target = 0, timeoutMs = 5000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (numTensors() > target) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * Disposes a backend's instance and registers its factory again: its context or device is freed
 * now, and tf.setBackend(name) later builds a new one. Active backend → switched to cpu first.
 */
export async function resetBackend(name: GpuBackend): Promise<boolean> {
  const e = engine();
  const instance = e.registry[name];
  const entry = e.registryFactory[name];
  if (!instance || !entry) return false;
  const gl = name === 'webgl' ? (instance as WebGLLike).gpgpu?.gl : undefined;
  const device = name === 'webgpu' ? (instance as WebGPULike).device : undefined;
  const wasActive = e.backendName === name;
  reRegister(name);
  // Without an active backend, the next tfjs call would start the best one (a GPU): use the CPU,
  // which needs no context, until a widget asks for something else.
  if (wasActive) await tf.setBackend('cpu');
  try {
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    /* already lost */
  }
  try {
    device?.destroy?.();
  } catch {
    /* already destroyed */
  }
  return true;
}

export interface ReleaseReport {
  /** GPU backends whose context or device was freed. */
  readonly released: readonly string[];
  /** Why nothing was freed, when nothing was. */
  readonly skipped: string | null;
  readonly numTensors: number;
}

/**
 * Frees tfjs's GPU contexts when no widget holds the runtime and every tensor has been disposed
 * (waits up to `timeoutMs` for asynchronous disposal to finish). Tensors still alive on a GPU
 * backend would be lost with it, so with any left nothing is freed.
 */
export async function releaseGpuIfIdle(timeoutMs = 5000): Promise<ReleaseReport> {
  if (holders > 0) return { released: [], skipped: 'the runtime is still in use', numTensors: numTensors() };
  const clean = await waitForTensors(0, timeoutMs);
  // Resetting switches the backend: a job of the page-wide queue, so it never lands inside another job.
  return enqueue(async () => {
    if (holders > 0) return { released: [], skipped: 'the runtime is in use again', numTensors: numTensors() };
    if (!clean || numTensors() > 0) return { released: [], skipped: `${numTensors()} tensors are still allocated`, numTensors: numTensors() };
    const released: string[] = [];
    for (const b of liveGpuBackends()) if (await resetBackend(b)) released.push(b);
    return { released, skipped: released.length ? null : 'no GPU backend was in use', numTensors: numTensors() };
  });
}

/**
 * Calls `listener` after the browser took a GPU backend away (too many WebGL contexts, a driver
 * reset). The runtime has already moved tfjs to the next backend; this also resets the lost one,
 * so a widget that asks for it again gets a fresh context (or falls back) rather than a dead one.
 */
export function watchBackendLoss(listener: (e: BackendLostEvent) => void): () => void {
  return onBackendLost((e) => {
    const lost = e.lost;
    const after = lost === 'webgl' || lost === 'webgpu' ? resetBackendKeepingActive(lost) : Promise.resolve();
    void after.then(() => listener(e));
  });
}

async function resetBackendKeepingActive(name: GpuBackend): Promise<void> {
  const active = engine().backendName;
  if (active === name) return; // initBackend found nothing better; leave it be
  if (name in engine().registry) reRegister(name);
}

/** Drops a backend's instance (disposing it) and registers its factory again. */
function reRegister(name: GpuBackend): void {
  const e = engine();
  const entry = e.registryFactory[name];
  if (!entry) return;
  try {
    tf.removeBackend(name);
  } catch {
    // Disposing a backend whose context is gone can throw half-way: finish by hand.
    delete e.registry[name];
    delete e.registryFactory[name];
    if (e.backendName === name) {
      e.backendName = null;
      e.backendInstance = null;
    }
  }
  tf.registerBackend(name, entry.factory as Parameters<typeof tf.registerBackend>[1], entry.priority);
}

/**
 * Makes the browser take the WebGL context away, as it does when a page opens too many (tests and
 * demos of the fallback). Returns false when tfjs has no WebGL context.
 */
export function loseWebGLContext(): boolean {
  const instance = engine().registry.webgl as WebGLLike | undefined;
  const ext = instance?.gpgpu?.gl?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}
