/**
 * What the lesson widgets that run tfjs share (the guideline lab, the time breakdown and the MnasNet
 * search): picking the backend the reader chose (with the runtime's fallback), running one tfjs job
 * at a time on the page, cancellation, and timing forward passes without leaking tensors.
 *
 * Imports tfjs: load this module with import() from client components.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendInfo } from '@/lib/runtime/backend';
import { BACKEND_ORDER, type BackendName } from '@/lib/runtime/backend-names';
import type { Model } from '@/lib/runtime/executor';

export type BackendChoice = 'auto' | BackendName;

const ready = new Map<BackendChoice, BackendInfo>();

/**
 * Switches tfjs to the chosen backend, falling back down webgpu → webgl → wasm → cpu when it cannot
 * start; the returned info lists the fallbacks (the widgets show them). Cached per choice.
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendInfo> {
  const known = ready.get(choice);
  if (known) {
    if (tf.getBackend() !== known.backend && !(await tf.setBackend(known.backend))) {
      ready.delete(choice);
      return selectBackend(choice);
    }
    await tf.ready();
    return known;
  }
  const order = choice === 'auto' ? BACKEND_ORDER : BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(choice));
  const info = await initBackend({ order });
  ready.set(choice, info);
  return info;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs tfjs jobs one after another: the backend is global in tfjs, so two widgets measuring at
 * once would switch it under each other and time each other's kernels.
 */
export function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && e.name === 'CancelledError');
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Lets the page paint and handle clicks (a Cancel button) between passes. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function tensorsInMemory(): number {
  return tf.memory().numTensors;
}

const now = () => performance.now();

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times `repeats` forward passes (after `warmup` untimed ones), each including reading the output
 * back, so GPU backends are timed to completion. Returns the samples in ms.
 */
export async function timeForward(model: Model, input: tf.Tensor4D, warmup: number, repeats: number, signal?: AbortSignal, onPass?: () => void): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + repeats; i++) {
    throwIfAborted(signal);
    const t0 = now();
    const y = model.predict(input);
    try {
      await y.data();
    } finally {
      y.dispose();
    }
    const ms = now() - t0;
    if (i >= warmup) samples.push(ms);
    onPass?.();
    await yieldToPage();
  }
  throwIfAborted(signal);
  return samples;
}

/** A random NHWC input; the caller disposes it. */
export function randomInput(size: number, channels: number, seed = 7): tf.Tensor4D {
  return tf.randomNormal([1, size, size, channels], 0, 1, 'float32', seed) as tf.Tensor4D;
}
