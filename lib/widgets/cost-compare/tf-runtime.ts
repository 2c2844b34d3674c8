/**
 * The tfjs side shared by this lesson pair's live widgets: one backend initialisation per page (and
 * per reader's choice), serialised so two widgets never switch backends under each other.
 *
 * Imports tfjs statically: load this module only with import() from client components, so lesson
 * pages paint before the 1.5 MB of TensorFlow.js arrive.
 */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, initBackend, type BackendInfo, type BackendName } from '@/lib/runtime/backend';

export type BackendChoice = 'auto' | BackendName;

let current: { choice: BackendChoice; info: BackendInfo } | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every job queued before it, so widgets on one page take turns on the GPU. */
export function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

function orderFor(choice: BackendChoice): BackendName[] {
  return choice === 'auto' ? [...BACKEND_ORDER] : [choice, ...BACKEND_ORDER.filter((b) => b !== choice)];
}

/**
 * The backend for a choice: the chosen one if it works, else the next in webgpu → webgl → wasm →
 * cpu order. initBackend reports the ones that failed and why (BackendInfo.fallbacks).
 */
export async function ensureBackend(choice: BackendChoice): Promise<BackendInfo> {
  if (current && current.choice === choice && tf.getBackend() === current.info.backend) return current.info;
  const info = await initBackend({ order: orderFor(choice) });
  current = { choice, info };
  return info;
}

export function numTensors(): number {
  return tf.memory().numTensors;
}

export { tf };
