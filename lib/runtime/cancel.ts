/**
 * The one cancellation error of the tfjs runtime (no tfjs: UI code imports it statically). Every
 * job stops with a CancelledError when its AbortSignal fires, checked between passes, after the
 * pass's tensors were freed; callers tell a cancel from a failure with isCancelled().
 */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** True for the runtime's cancellation (also across bundles, where instanceof may not hold). */
export function isCancelled(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && e.name === 'CancelledError');
}

/** Throws a CancelledError when `signal` has fired. */
export function throwIfCancelled(signal?: AbortSignal | null): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Lets the page paint and handle clicks (a Cancel button) between passes. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
