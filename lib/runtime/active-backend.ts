/**
 * Which backend the page runs a choice on. The first job for a choice starts the backends of
 * backendOrder(choice) in turn (backend-policy.ts) and remembers the outcome; later jobs for the
 * same choice switch tfjs back to it without probing again, as long as that backend's instance is
 * still the one tfjs holds (release.ts may have freed it; then it starts afresh).
 *
 * When a backend fails during a job, or the browser takes its context away, failOver() moves tfjs
 * down the order and every choice that was on the failed backend stays on the new one.
 *
 * Call these inside a job of the page-wide queue (job.ts), never beside it.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, onBackendLost, type BackendInfo } from './backend';
import type { BackendChoice, BackendName } from './backend-names';
import { backendOrder, fallbackOrder } from './backend-policy';

interface Known {
  readonly info: BackendInfo;
  /** tfjs' backend object when this was decided; a reset backend gets a new one. */
  readonly instance: unknown;
}

export interface EnsureOptions {
  /** Only the chosen backend: fail instead of falling back (a benchmark must measure what it was asked for). */
  readonly strict?: boolean;
  /** Where the site serves the tfjs .wasm files. */
  readonly wasmPaths?: string;
}

const known = new Map<string, Known>();
let watching = false;

function watchLosses(): void {
  if (watching) return;
  watching = true;
  // backend.ts has already moved tfjs to the next backend: follow it.
  onBackendLost((e) => remap(e.lost, e.reason, e.next));
}

function remap(failed: BackendName, reason: string, next: BackendInfo | null): void {
  for (const [key, k] of known) {
    if (k.info.backend !== failed) continue;
    if (next)
      known.set(key, {
        info: { ...next, fallbacks: [...k.info.fallbacks, { backend: failed, error: reason }, ...next.fallbacks] },
        instance: tf.findBackend(next.backend),
      });
    else known.delete(key);
  }
}

/** Puts tfjs on the backend for `choice` (starting it the first time) and says which one that is. */
export async function ensureBackend(choice: BackendChoice, options: EnsureOptions = {}): Promise<BackendInfo> {
  watchLosses();
  const key = options.strict ? `only:${choice}` : choice;
  const k = known.get(key);
  if (k && tf.findBackend(k.info.backend) === k.instance) {
    if (tf.getBackend() === k.info.backend) return k.info;
    if (await tf.setBackend(k.info.backend)) {
      await tf.ready();
      return k.info;
    }
  }
  known.delete(key);
  const order = options.strict && choice !== 'auto' ? [choice] : backendOrder(choice);
  const info = await initBackend({ order, wasmPaths: options.wasmPaths });
  known.set(key, { info, instance: tf.findBackend(info.backend) });
  return info;
}

/**
 * The backend in use failed (out of memory, a shader that does not compile, a lost device): start
 * the next one down the order, and keep every choice that was on `failed` on it from now on.
 */
export async function failOver(failed: BackendName, reason: string): Promise<BackendInfo> {
  watchLosses();
  const next = await initBackend({ order: fallbackOrder(failed) });
  remap(failed, reason, next);
  return next;
}

/** Forgets what was decided (tests). */
export function forgetBackends(): void {
  known.clear();
}
