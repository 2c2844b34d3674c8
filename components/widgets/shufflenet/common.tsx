'use client';

/**
 * Pieces the ShuffleNet v2 and MnasNet lesson widgets share: a tfjs job runner with progress, cancel
 * and a tensor-count check, and small UI parts (frame, backend picker, progress, notices). Their
 * lesson state lives in components/widgets/LessonWidget.tsx, like every other lesson widget's.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { JobStatus, JobTensors as TensorCheck } from '@/components/hooks/useTfjsJob';
import type { BackendInfo } from '@/lib/runtime/backend';
import { BACKEND_LABELS, isBackendName } from '@/lib/runtime/backend-names';

// ---- tfjs jobs: the one runtime hook (components/hooks/useTfjsJob.ts) ---------------------------

export { useTfjsJob, type JobStatus, type JobTensors as TensorCheck } from '@/components/hooks/useTfjsJob';

// ---- UI parts --------------------------------------------------------------------------------

export function WidgetFrame({ title, label, children, testId }: { title: string; label?: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      data-testid={testId}
      className="not-prose my-8 min-w-0 rounded-xl border border-slate-200 bg-white p-3 text-sm text-slate-800 sm:p-4 dark:border-slate-800 dark:bg-slate-900/40 dark:text-slate-200"
    >
      <h3 id={id} className="mb-3 text-base font-semibold text-slate-900 dark:text-white" data-part="title">
        {title}
        {label ? <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">{label}</span> : null}
      </h3>
      {children}
    </section>
  );
}

export const selectClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 disabled:opacity-60';
export const buttonClass =
  'inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';
export const primaryButtonClass =
  'inline-flex items-center justify-center rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-accent-500 dark:hover:bg-accent-600';

export function Field({ label, children, hint, control }: { label: string; children: (id: string) => ReactNode; hint?: string; control?: string }) {
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col gap-1" data-control={control}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      {children(id)}
      {hint ? <p className="text-[11px] text-slate-500 dark:text-slate-400">{hint}</p> : null}
    </div>
  );
}

const CHOICE_LABELS: Record<string, string> = { auto: 'Auto', ...BACKEND_LABELS };

export function BackendSelect({ value, onChange, disabled, choices }: { value: string; onChange: (v: string) => void; disabled?: boolean; choices: readonly string[] }) {
  return (
    <Field label="Backend" control="backend">
      {(id) => (
        <select id={id} className={selectClass} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          {choices.map((c) => (
            <option key={c} value={c}>
              {CHOICE_LABELS[c] ?? c}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function backendLabel(name: string): string {
  return isBackendName(name) ? BACKEND_LABELS[name] : name;
}

/** Which backend ran, and why faster ones did not (initBackend's fallbacks). */
export function BackendNotice({ info, requested }: { info: BackendInfo | null; requested: string }) {
  if (!info) return null;
  const fellBack = requested !== 'auto' && requested !== info.backend;
  return (
    <div className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="backend-used" data-backend={info.backend}>
      <p>
        Measured on <strong className="text-slate-900 dark:text-slate-100">{backendLabel(info.backend)}</strong>
        {info.renderer ? <> ({info.renderer})</> : null}.
      </p>
      {info.fallbacks.length > 0 && (
        <p role={fellBack ? 'alert' : undefined} className={fellBack ? 'mt-1 rounded-md bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-500/10 dark:text-amber-100' : 'mt-1'}>
          {fellBack ? 'The backend you chose could not start here, so this ran on the next one. ' : ''}
          {info.fallbacks.map((f) => `${backendLabel(f.backend)} unavailable: ${f.error}`).join(' · ')}
        </p>
      )}
    </div>
  );
}

export function JobProgress({ status, onCancel }: { status: JobStatus; onCancel: () => void }) {
  if (status.kind === 'idle') return null;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3" aria-live="polite">
      {status.kind === 'running' && (
        <>
          <progress
            className="h-2 w-40 max-w-full accent-accent-600"
            max={Math.max(1, status.total)}
            value={status.done}
            aria-label={`${status.label}: ${status.done} of ${status.total || '…'} passes`}
          />
          <span className="text-xs text-slate-600 dark:text-slate-400">
            {status.label}… {status.total ? `${status.done}/${status.total}` : ''}
          </span>
          <button type="button" className={buttonClass} onClick={onCancel}>
            Cancel
          </button>
        </>
      )}
      {status.kind === 'done' && <span className="text-xs text-slate-600 dark:text-slate-400">Done.</span>}
      {status.kind === 'cancelled' && <span className="text-xs text-slate-600 dark:text-slate-400">Cancelled; everything the run had made was freed.</span>}
      {status.kind === 'error' && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          The run failed: {status.message}
        </span>
      )}
    </div>
  );
}

/** Tensors tfjs holds, before the run and now: equal when nothing leaked. */
export function TensorReadout({ tensors, testId = 'tensor-readout' }: { tensors: TensorCheck | null; testId?: string }) {
  if (!tensors) return null;
  const ok = tensors.after !== null && tensors.after === tensors.before;
  return (
    <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid={testId} data-before={tensors.before} data-after={tensors.after ?? ''}>
      Tensors in memory: {tensors.after ?? '…'} (before the run: {tensors.before})
      {tensors.after !== null ? (ok ? ' ✓ nothing leaked' : ' ⚠ not back to the count before the run') : ''}
    </p>
  );
}

/**
 * Width in CSS pixels of the element `ref` is put on, at most `max`: charts draw their SVG at the
 * real width, so text keeps its size on a phone instead of being scaled down with the drawing.
 */
export function useChartWidth<E extends HTMLElement = HTMLDivElement>(max: number): [(el: E | null) => void, number] {
  const [width, setWidth] = useState(max);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: E | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      const update = () => setWidth(Math.max(280, Math.min(max, Math.floor(el.clientWidth))));
      update();
      observer.current = new ResizeObserver(update);
      observer.current.observe(el);
    },
    [max],
  );
  return [ref, width];
}

export function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-reduced-motion: reduce)');
    const update = () => setReduced(mq.matches);
    update();
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, []);
  return reduced;
}

export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms >= 100 ? `${Math.round(ms)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}
