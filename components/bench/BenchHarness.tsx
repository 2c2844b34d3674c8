'use client';

import { useEffect, useState } from 'react';
import type { LayerwiseBench, LogitsOptions, RunOptions } from './types';

type Harness = typeof import('./harness');

/**
 * Installs `window.layerwiseBench` (see ./types.ts) for `npm run bench` and the end-to-end tests,
 * and shows what it is doing. The runtime (tfjs) is loaded with import() after the page paints.
 */
export function BenchHarness() {
  const [status, setStatus] = useState('Loading the runtime…');

  useEffect(() => {
    // ?threads=N must reach the runtime before any job starts the WASM backend.
    const loaded: Promise<Harness> = import('./harness').then((h) => {
      h.configure(window.location.search);
      return h;
    });
    // Each call is a job of the runtime's page-wide queue: one at a time, in order.
    const enqueue = <T,>(job: (h: Harness) => Promise<T>): Promise<T> => loaded.then(job);
    const report = (e: unknown) => {
      setStatus(`Error: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    };
    const api: LayerwiseBench = {
      ready: loaded.then(
        () => setStatus('Ready.'),
        (e: unknown) => report(e),
      ),
      run: (o: RunOptions) => enqueue((h) => h.run(o, setStatus)).catch(report),
      logits: (o: LogitsOptions) => enqueue((h) => h.logits(o, setStatus)).catch(report),
      numTensors: () => enqueue((h) => h.numTensors()),
    };
    // A rejected `ready` that nobody awaits must not surface as an unhandled rejection.
    api.ready.catch(() => undefined);
    window.layerwiseBench = api;
    return () => {
      if (window.layerwiseBench === api) delete window.layerwiseBench;
    };
  }, []);

  return (
    <section aria-label="Benchmark harness" className="my-6 rounded-xl border border-slate-200 p-4 text-sm dark:border-slate-800">
      <p role="status" aria-live="polite" data-bench-status className="font-mono text-slate-800 dark:text-slate-200">
        {status}
      </p>
    </section>
  );
}
