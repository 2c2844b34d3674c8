'use client';

/**
 * The one hook through which components run tfjs: start, progress, cancel, errors, the backend
 * that ran and the runtime's tensor check, and a cancel on unmount. The job itself is a function of
 * lib/ that calls runTfjsJob (lib/runtime/job.ts), so it waits its turn in the page-wide queue:
 *
 *   const job = useTfjsJob();
 *   const r = await job.run('Profiling', (ctx) => profileBreakdown({ ...settings, ...ctx.request, onProgress: ctx.progress }));
 *   // r is null when the job was cancelled or failed; job.status says which.
 *
 * Starting a run cancels the widget's previous one. The lib modules are loaded with import() by the
 * caller, so tfjs arrives only when a job starts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackendInfo } from '@/lib/runtime/backend';
import { isCancelled } from '@/lib/runtime/cancel';
import type { TensorCheck } from '@/lib/runtime/tensors';

/** Tensors a job left behind (tensors.ts's leaked(), without importing tfjs here). */
const leaked = (c: TensorCheck) => c.after - c.before;

export type JobStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly done: number; readonly total: number; readonly label: string }
  | { readonly kind: 'done' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly message: string };

/** Tensors before the job and after it (null while it runs). */
export interface JobTensors {
  readonly before: number;
  readonly after: number | null;
}

/** What a job request takes from the hook (lib/runtime/job.ts JobRequest's fields). */
export interface JobHooks {
  readonly signal: AbortSignal;
  readonly onStart: (info: BackendInfo, tensorsBefore: number) => void;
  readonly onTensors: (check: TensorCheck) => void;
}

export interface JobContext {
  /** Spread into the lib function's request. */
  readonly request: JobHooks;
  readonly signal: AbortSignal;
  readonly progress: (done: number, total: number, label?: string) => void;
}

export interface TfjsJob {
  readonly status: JobStatus;
  readonly running: boolean;
  /** The backend the last job ran on. */
  readonly backend: BackendInfo | null;
  readonly tensors: JobTensors | null;
  run<T>(label: string, job: (ctx: JobContext) => Promise<T>): Promise<T | null>;
  cancel(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useTfjsJob(): TfjsJob {
  const [status, setStatus] = useState<JobStatus>({ kind: 'idle' });
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [tensors, setTensors] = useState<JobTensors | null>(null);
  const current = useRef<AbortController | null>(null);

  // Unmounted: the running job stops at its next check and frees what it made.
  useEffect(() => () => current.current?.abort(), []);

  const run = useCallback(async <T>(label: string, job: (ctx: JobContext) => Promise<T>): Promise<T | null> => {
    current.current?.abort();
    const ctrl = new AbortController();
    current.current = ctrl;
    const mine = () => current.current === ctrl;
    setStatus({ kind: 'running', done: 0, total: 0, label });
    const request: JobHooks = {
      signal: ctrl.signal,
      onStart: (info, before) => {
        if (!mine()) return;
        setBackend(info);
        setTensors({ before, after: null });
      },
      // Reported after a cancel too: the widget shows that the cancelled job freed everything.
      onTensors: (check) => {
        // A widget's job frees everything it made: in development, say so loudly when one did not.
        if (process.env.NODE_ENV !== 'production' && leaked(check) !== 0)
          console.warn(`[tfjs job] ${label}: ${leaked(check)} tensors left behind (${check.before} → ${check.after})`);
        if (mine()) setTensors(check);
      },
    };
    const progress = (done: number, total: number, l?: string) => {
      if (mine() && !ctrl.signal.aborted) setStatus({ kind: 'running', done, total, label: l ?? label });
    };
    try {
      const result = await job({ request, signal: ctrl.signal, progress });
      if (mine()) setStatus({ kind: 'done' });
      return result;
    } catch (e) {
      if (mine()) setStatus(isCancelled(e) || ctrl.signal.aborted ? { kind: 'cancelled' } : { kind: 'error', message: message(e) });
      return null;
    } finally {
      if (mine()) current.current = null;
    }
  }, []);

  const cancel = useCallback(() => current.current?.abort(), []);
  return { status, running: status.kind === 'running', backend, tensors, run, cancel };
}
