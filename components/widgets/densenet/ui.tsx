'use client';

/**
 * Small building blocks shared by the DenseNet and ResNeXt lesson widgets: the frame, labelled
 * sliders, checkboxes and selects (native inputs, so keyboard and screen readers work), numbers,
 * and the note that says which TensorFlow.js backend ran and which ones were unavailable.
 */
import { useId, type ReactNode } from 'react';
import type { BackendInfo } from '@/lib/runtime/backend';
import { BACKEND_LABELS, isBackendName } from '@/lib/runtime/backend-names';
export { formatCount } from './ui-server';

export function WidgetFrame({ title, subtitle, children, label }: { title: string; subtitle?: ReactNode; children: ReactNode; label?: string }) {
  const id = useId();
  return (
    <section
      aria-labelledby={`${id}-title`}
      aria-label={label}
      className="not-prose my-8 min-w-0 rounded-xl border border-slate-200 bg-white p-3 text-sm text-slate-800 shadow-sm sm:p-4 dark:border-slate-800 dark:bg-slate-900/40 dark:text-slate-200"
    >
      <header className="mb-3">
        <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900 dark:text-white" data-part="title">
          {title}
        </h3>
        {subtitle ? (
          <p className="mt-0.5 text-[13px] text-slate-600 dark:text-slate-400" data-part="description">
            {subtitle}
          </p>
        ) : null}
      </header>
      {children}
    </section>
  );
}

export function Slider({
  label,
  value,
  min,
  max,
  step = 1,
  onChange,
  format = String,
  disabled,
  hint,
  control,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange: (v: number) => void;
  format?: (v: number) => string;
  disabled?: boolean;
  hint?: string;
  /** The URL parameter this control sets (data-control, for embeds' `hide`). */
  control?: string;
}) {
  const id = useId();
  return (
    <div className="min-w-0" data-control={control}>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        <output htmlFor={id} className="font-mono tabular-nums text-slate-700 dark:text-slate-300">
          {format(value)}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="w-full accent-accent-600 disabled:opacity-50 dark:accent-accent-400"
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-[11px] text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Checkbox({ label, checked, onChange, hint, control }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; control?: string }) {
  const id = useId();
  return (
    <div className="min-w-0" data-control={control}>
      <label htmlFor={id} className="flex items-center gap-2 font-medium">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 accent-accent-600 dark:accent-accent-400" aria-describedby={hint ? `${id}-hint` : undefined} />
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-[11px] text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Select<V extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
  control,
}: {
  label: string;
  value: V;
  options: ReadonlyArray<readonly [V, string]>;
  onChange: (v: V) => void;
  disabled?: boolean;
  control?: string;
}) {
  const id = useId();
  return (
    <div className="min-w-0" data-control={control}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as V)}
        className="mt-0.5 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900"
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Button({
  children,
  onClick,
  disabled,
  variant = 'primary',
  control,
}: {
  children: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  variant?: 'primary' | 'secondary';
  control?: string;
}) {
  const cls =
    variant === 'primary'
      ? 'bg-accent-600 text-white hover:bg-accent-700 dark:bg-accent-500 dark:hover:bg-accent-400 dark:text-slate-950'
      : 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';
  return (
    <button type="button" onClick={onClick} disabled={disabled} data-control={control} className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${cls}`}>
      {children}
    </button>
  );
}

/** A labelled number: a named group (tests and screen readers find it by its label) of a term and its value. */
export function Stat({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="min-w-0 rounded-lg bg-slate-50 px-2.5 py-1.5 dark:bg-slate-800/60">
      <dt className="text-[11px] uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-mono text-[15px] tabular-nums text-slate-900 dark:text-slate-100">{value}</dd>
      {detail ? <dd className="text-[11px] text-slate-500 dark:text-slate-400">{detail}</dd> : null}
    </div>
  );
}

export function backendLabel(b: string): string {
  return isBackendName(b) ? BACKEND_LABELS[b] : b;
}

/** Which backend ran, on what, and which faster ones could not start (initBackend's report). */
export function BackendNote({ info }: { info: BackendInfo }) {
  const gpu = info.backend === 'webgl' || info.backend === 'webgpu';
  return (
    <div className="text-[12px] text-slate-600 dark:text-slate-400" data-backend={info.backend}>
      <p>
        Ran on <strong className="text-slate-800 dark:text-slate-200">{backendLabel(info.backend)}</strong>
        {gpu ? ` (${info.renderer})` : ` — ${info.renderer}`}.
      </p>
      {info.fallbacks.length > 0 ? (
        <p role="note" className="mt-1 rounded-md border border-amber-400 bg-amber-50 px-2 py-1 text-amber-950 dark:border-amber-500/60 dark:bg-amber-500/10 dark:text-amber-100">
          {!gpu ? 'No GPU backend is available here, so this ran on the CPU. ' : ''}
          {info.fallbacks.map((f) => `${backendLabel(f.backend)} unavailable: ${f.error}`).join(' · ')}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorNote({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-2 py-1 text-red-900 dark:border-red-500/50 dark:bg-red-500/10 dark:text-red-200">
      {message}
    </p>
  );
}

/** A progress bar plus its sentence, announced politely. */
export function Progress({ fraction, text, label }: { fraction: number; text: string; label: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div className="space-y-1">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
        <div className="h-full bg-accent-500 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      <p role="status" aria-live="polite" className="text-[12px] text-slate-600 dark:text-slate-400">
        {text}
      </p>
    </div>
  );
}

export function formatInt(n: number): string {
  return n.toLocaleString('en-US');
}
