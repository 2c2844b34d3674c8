/**
 * One run at a time, and the latest wins: `request()` starts `run` when none is on its way, and
 * otherwise marks one more run for when it ends, so a burst of requests (every stroke change of a
 * drawing, a knob dragged across values) costs at most the run in progress and one more, which
 * reads whatever is current by then. The runs still go through the page's job queue (job.ts): this
 * only keeps a widget from piling its own requests up in it. tfjs-free.
 */
export interface Coalesced {
  /** Run now, or once more after the run in progress. */
  request(): void;
  /** Whether a run is on its way. */
  readonly busy: boolean;
  /** Settles when no run is on its way nor asked for. */
  idle(): Promise<void>;
}

/** `run` should not throw (a failure is its own to show); one that does ends the burst, not the next request. */
export function coalesce(run: () => Promise<void>): Coalesced {
  let busy = false;
  let again = false;
  let current: Promise<void> = Promise.resolve();
  return {
    request() {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      current = (async () => {
        try {
          do {
            again = false;
            await run();
          } while (again);
        } catch {
          again = false;
        } finally {
          busy = false;
        }
      })();
    },
    get busy() {
      return busy;
    },
    idle: () => current,
  };
}
