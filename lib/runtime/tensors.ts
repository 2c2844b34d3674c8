/**
 * The one tensor-count check: tf.memory().numTensors before a job and after it. A job that frees
 * everything it made ends where it started; the runtime reports both numbers with every job
 * (widgets show them, tests assert them) instead of each widget counting on its own.
 *
 * Reads the engine's counter directly: tf.memory() would start a backend just to answer.
 */
import * as tf from '@tensorflow/tfjs';

export interface TensorCheck {
  /** Tensors alive when the job started. */
  readonly before: number;
  /** Tensors alive when it ended. */
  readonly after: number;
}

/** Tensors tfjs holds now (without starting a backend). */
export function numTensors(): number {
  return (tf.engine() as unknown as { state: { numTensors: number } }).state.numTensors;
}

/** Starts a check; end() reads the count again. */
export function startTensorCheck(): { readonly before: number; end(): TensorCheck } {
  const before = numTensors();
  return { before, end: () => ({ before, after: numTensors() }) };
}

/** Tensors a job left behind (0 when it freed everything; negative when it freed older ones). */
export function leaked(check: TensorCheck): number {
  return check.after - check.before;
}
