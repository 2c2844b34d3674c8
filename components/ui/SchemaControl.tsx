'use client';

import { useId, useState } from 'react';
import { describeAllowed, formatValue, parseParams, type Param } from '@/lib/url-state/schema';

/**
 * One control generated from a URL-schema parameter: its kind, range and documentation decide the
 * widget, so knobs, URL validation and docs never disagree. Text edits are checked with the same
 * parser the URL uses; an invalid draft shows why and is not applied.
 */
export function SchemaControl({
  name,
  label,
  param,
  value,
  onChange,
}: {
  name: string;
  label: string;
  param: Param;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = draft ?? formatValue(param, value);

  const commit = (raw: string) => {
    const { state, notices } = parseParams({ [name]: param }, new URLSearchParams([[name, raw]]));
    if (notices.length > 0) {
      setError(`Must be ${describeAllowed(param)}.`);
      return;
    }
    setError(null);
    setDraft(null);
    onChange(state[name]);
  };

  const hint = (
    <p id={`${id}-hint`} className={`text-[11px] ${error ? 'text-red-700 dark:text-red-400' : 'text-slate-500 dark:text-slate-400'}`}>
      {error ?? param.doc}
    </p>
  );
  const inputClass =
    'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900 aria-[invalid=true]:border-red-500';

  if (param.kind === 'bool') {
    return (
      <div>
        <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-hint`} />
          {label}
        </label>
        {hint}
      </div>
    );
  }
  if (param.kind === 'enum') {
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <select id={id} className={inputClass} value={String(value)} onChange={(e) => commit(e.target.value)} aria-describedby={`${id}-hint`}>
          {param.values.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
        {hint}
      </div>
    );
  }
  const numeric = param.kind === 'int' || param.kind === 'number';
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        className={inputClass}
        type={numeric ? 'number' : 'text'}
        inputMode={numeric ? 'decimal' : 'text'}
        min={numeric ? param.min : undefined}
        max={numeric ? param.max : undefined}
        step={numeric ? (param.step ?? (param.kind === 'number' ? 0.05 : 1)) : undefined}
        value={shown}
        aria-invalid={error !== null}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setDraft(e.target.value);
          // Numbers and steppers apply at once; lists apply on Enter or when leaving the field.
          if (numeric) commit(e.target.value);
        }}
        onBlur={(e) => draft !== null && commit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
      />
      {hint}
    </div>
  );
}
