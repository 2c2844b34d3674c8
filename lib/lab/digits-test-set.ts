/**
 * The digits test split for the lab (the digit pad's grid, the runner, the test-accuracy action):
 * fetched once per page from the site's own asset (lib/data/digits), converted once. Only the test
 * split is made into floats (6.3 MB; the train split would add 25 MB the lab never uses).
 *
 * Callers that ask while it is on its way share the one download (the pad and the runner both ask
 * when a digits lab opens): each gets the progress, and a caller's `signal` stops only its own
 * wait; the download itself stops when every waiting caller has cancelled.
 */
import { CancelledError, throwIfCancelled } from '../runtime/cancel';
import { loadPackedDigits, type DigitsProgress, type LoadDigitsOptions } from '../data/digits/load';
import { toLabelledImages } from '../data/digits/images';
import type { LabelledImages } from '../train/types';

let done: LabelledImages | null = null;

interface Pending {
  readonly promise: Promise<LabelledImages>;
  readonly ctrl: AbortController;
  readonly listeners: Set<(p: DigitsProgress) => void>;
  waiting: number;
}
let pending: Pending | null = null;

function start(url: string | undefined): Pending {
  const ctrl = new AbortController();
  const listeners = new Set<(p: DigitsProgress) => void>();
  const promise = loadPackedDigits({ url, signal: ctrl.signal, onProgress: (p) => listeners.forEach((l) => l(p)) }).then(
    (packed) => {
      done ??= toLabelledImages(packed.test, packed.header);
      return done;
    },
    (e: unknown) => {
      if (pending === self) pending = null; // a failed download is tried again by the next caller
      throw e;
    },
  );
  const self: Pending = { promise, ctrl, listeners, waiting: 0 };
  return self;
}

export async function digitsTestSet(options: LoadDigitsOptions = {}): Promise<LabelledImages> {
  if (done) return done;
  throwIfCancelled(options.signal);
  const p = (pending ??= start(options.url));
  const { onProgress, signal } = options;
  if (onProgress) p.listeners.add(onProgress);
  p.waiting++;
  try {
    if (!signal) return await p.promise;
    return await new Promise<LabelledImages>((resolve, reject) => {
      const abort = () => {
        reject(new CancelledError());
        // The last one waiting: stop the download; the next caller starts a new one.
        if (p.waiting === 1) {
          if (pending === p) pending = null;
          p.ctrl.abort();
        }
      };
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
      p.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    });
  } finally {
    p.waiting--;
    if (onProgress) p.listeners.delete(onProgress);
  }
}

/** The test split when it is already here (no wait), else null. */
export function digitsTestSetNow(): LabelledImages | null {
  return done;
}
