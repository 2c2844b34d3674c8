/**
 * A tfjs job: the one way widgets, the lab, /compare and /bench run anything on tfjs.
 *
 *   const run = await runTfjsJob({ backend: 'auto', signal }, async (ctx) => {
 *     ctx.check();                     // throws CancelledError once `signal` fired
 *     …build, time (timing.ts), free…
 *     return result;
 *   });
 *
 * A job waits for its turn in the page-wide queue (job-queue.ts), puts tfjs on the backend of its
 * choice by the one policy (active-backend.ts), runs, and reports the tensor count before and after
 * (tensors.ts). A job cancelled while it still waits rejects at once with CancelledError and never
 * starts; once started, it stops at its next check().
 */
import { ensureBackend, type EnsureOptions } from './active-backend';
import type { BackendInfo } from './backend';
import type { BackendChoice } from './backend-names';
import { CancelledError, throwIfCancelled } from './cancel';
import { enqueue } from './job-queue';
import { startTensorCheck, type TensorCheck } from './tensors';

export interface JobRequest extends EnsureOptions {
  /** The reader's choice; default 'auto'. */
  readonly backend?: BackendChoice;
  readonly signal?: AbortSignal | null;
  /** Once the backend is up, before the job's body runs: the backend and the tensor count the job must return to. */
  readonly onStart?: (backend: BackendInfo, tensorsBefore: number) => void;
  /** When the job settled (done, failed or cancelled): tensors before and after. */
  readonly onTensors?: (check: TensorCheck) => void;
}

export interface JobContext {
  readonly backend: BackendInfo;
  readonly signal: AbortSignal | null;
  readonly tensorsBefore: number;
  /** Throws CancelledError when the job's signal fired. */
  check(): void;
}

/** Runs `body` as the page's only tfjs job until it settles. */
export function runTfjsJob<T>(req: JobRequest, body: (ctx: JobContext) => Promise<T>): Promise<T> {
  const signal = req.signal ?? null;
  let started = false;
  const queued = enqueue(async () => {
    throwIfCancelled(signal);
    started = true;
    const backend = await ensureBackend(req.backend ?? 'auto', req);
    const tensors = startTensorCheck();
    try {
      throwIfCancelled(signal);
      req.onStart?.(backend, tensors.before);
      return await body({ backend, signal, tensorsBefore: tensors.before, check: () => throwIfCancelled(signal) });
    } finally {
      req.onTensors?.(tensors.end());
    }
  });
  if (!signal) return queued;
  // Don't keep a caller that cancelled waiting for other jobs to finish: a job that has not started
  // rejects now (and won't start). One that has started settles after it freed its tensors.
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      if (!started) reject(new CancelledError());
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    queued.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
