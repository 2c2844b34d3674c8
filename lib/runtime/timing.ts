/**
 * The one timed warm pass. Every timer in the site measures the same way, as the tfjs-models
 * benchmarks do: first `warmup` passes that are not recorded (the first pass on a backend compiles
 * shaders, allocates textures and buffers, and on wasm sets up XNNPACK's operators), then `repeats`
 * recorded ones. A pass is timed to completion: the output is read back, so a GPU backend's queued
 * work is inside the time, and the output is freed before the next pass starts.
 *
 * Between passes it checks for a cancel (after the pass freed its tensors) and yields to the page
 * so progress paints and a Cancel button can be pressed.
 */
import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled, yieldToPage } from './cancel';

export interface PassPlan {
  /** Unrecorded passes first; at least one unless the model is known to be warm. */
  readonly warmup: number;
  readonly repeats: number;
}

export interface PassOptions {
  readonly signal?: AbortSignal | null;
  /** Yield to the page after each pass (default true). */
  readonly yieldBetween?: boolean;
}

/** Anything that maps an NHWC input to one output tensor (a lib/runtime Model). */
export interface Forward {
  predict(input: tf.Tensor4D): tf.Tensor;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `plan.warmup` passes with recorded = false, then `plan.repeats` with recorded = true. `pass`
 * does the work and keeps what it measured when asked to record; `i` counts all passes from 0.
 */
export async function warmThenTime(plan: PassPlan, pass: (recorded: boolean, i: number) => Promise<void>, options: PassOptions = {}): Promise<void> {
  const warmup = Math.max(0, plan.warmup);
  const total = warmup + Math.max(0, plan.repeats);
  for (let i = 0; i < total; i++) {
    throwIfCancelled(options.signal);
    await pass(i >= warmup, i);
    if (options.yieldBetween ?? true) await yieldToPage();
  }
  throwIfCancelled(options.signal);
}

export interface TimedOutput {
  /** Wall-clock ms of predict + read-back. */
  readonly ms: number;
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** One forward pass, timed to completion (the output is read back, then freed). */
export async function timedForward(model: Forward, input: tf.Tensor4D): Promise<TimedOutput> {
  const t0 = now();
  const y = model.predict(input);
  try {
    const data = (await y.data()) as Float32Array;
    return { ms: now() - t0, data, shape: [...y.shape] };
  } finally {
    y.dispose();
  }
}

/** The recorded samples (ms) of `plan.repeats` forward passes after `plan.warmup` unrecorded ones. */
export async function timeForward(
  model: Forward,
  input: tf.Tensor4D,
  plan: PassPlan,
  options: PassOptions & { readonly onPass?: (done: number, total: number) => void } = {},
): Promise<number[]> {
  const samples: number[] = [];
  const total = Math.max(0, plan.warmup) + Math.max(0, plan.repeats);
  await warmThenTime(
    plan,
    async (recorded, i) => {
      const { ms } = await timedForward(model, input);
      if (recorded) samples.push(ms);
      options.onPass?.(i + 1, total);
    },
    options,
  );
  return samples;
}

/** What timers feed a model: a seeded standard-normal NHWC input [1, size, size, channels]. The caller disposes it. */
export function randomInput(size: number, channels: number, seed = 7): tf.Tensor4D {
  return tf.randomNormal([1, size, size, channels], 0, 1, 'float32', seed) as tf.Tensor4D;
}
