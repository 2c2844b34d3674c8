/**
 * The page-wide tfjs job queue (no tfjs). tfjs has one global backend and one engine: two widgets
 * that switched backends or timed passes at the same time would run on each other's backend and
 * time each other's kernels. So every job of every widget, the lab, /compare and /bench runs
 * through this one queue: a job starts when the one before it has settled (resolved or rejected).
 *
 * A job must not wait for another job it queued itself: that one waits for it.
 *
 * The queue lives on globalThis, so that two copies of this module (two chunks, a hot reload)
 * still share it.
 */
interface QueueState {
  tail: Promise<unknown>;
  /** Jobs queued or running. */
  pending: number;
}

const KEY = Symbol.for('layerwise.tfjs-job-queue');
type WithQueue = typeof globalThis & { [KEY]?: QueueState };

function state(): QueueState {
  const g = globalThis as WithQueue;
  return (g[KEY] ??= { tail: Promise.resolve(), pending: 0 });
}

/** Runs `job` after every job queued before it, also after failed ones; its result or error is passed on. */
export function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const q = state();
  q.pending++;
  const run = async () => {
    try {
      return await job();
    } finally {
      q.pending--;
    }
  };
  const next = q.tail.then(run, run);
  q.tail = next.catch(() => undefined);
  return next;
}

/** Jobs queued or running now (0 when the runtime is idle). */
export function pendingJobs(): number {
  return state().pending;
}

/** Resolves once every job queued so far has settled. */
export function whenIdle(): Promise<void> {
  return state().tail.then(() => undefined);
}
