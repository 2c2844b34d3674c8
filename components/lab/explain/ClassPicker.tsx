'use client';

import { useId, useMemo, useState } from 'react';
import { smallButtonClass, smallControlClass } from '@/components/ui/styles';
import { formatPercent } from '@/lib/format';
import { searchClasses } from '@/lib/explain/display';
import type { Prediction } from '@/lib/runtime/imagenet';

export interface ClassPickerProps {
  /** The run's top-5 (the first is the default class). */
  readonly top5: readonly Prediction[];
  /** One name per output. */
  readonly names: readonly string[];
  /** The class explained now. */
  readonly value: number;
  /** null: back to the top-1. */
  readonly onChange: (classIndex: number | null) => void;
}

/**
 * Which class to explain: the top-5 as toggle buttons (the top-1 is the default), and a search
 * over every class name (or an index) for any other.
 */
export function ClassPicker({ top5, names, value, onChange }: ClassPickerProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchClasses(names, query), [names, query]);
  const inTop5 = top5.some((p) => p.index === value);
  return (
    <fieldset className="min-w-0 space-y-2" data-control="class">
      <legend className="text-sm font-medium">Class explained</legend>
      <div className="flex flex-wrap gap-1.5" role="group" aria-label="The five most likely classes">
        {top5.map((p, i) => (
          <button
            key={p.index}
            type="button"
            aria-pressed={p.index === value}
            onClick={() => onChange(i === 0 ? null : p.index)}
            className={`${smallButtonClass} max-w-[14rem] truncate ${p.index === value ? 'border-accent-600 bg-accent-50 font-semibold dark:border-accent-400 dark:bg-accent-700/30' : ''}`}
            title={`${names[p.index] ?? p.label} (class ${p.index})`}
            data-class={p.index}
          >
            {i + 1}. {names[p.index] ?? p.label} · {formatPercent(p.prob)}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={`${id}-q`} className="text-xs text-slate-600 dark:text-slate-400">
          Any other class
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          placeholder={names.length > 10 ? 'a name (“tabby”) or an index' : 'a digit'}
          className={`${smallControlClass} w-56`}
          aria-describedby={`${id}-n`}
          autoComplete="off"
        />
        <span id={`${id}-n`} className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
          {query.trim() ? (found.length ? `${found.length}${found.length === 8 ? '+' : ''} found` : 'no class found') : `${names.length} classes`}
          {!inTop5 ? ` · explaining class ${value} (${names[value] ?? ''})` : ''}
        </span>
      </div>
      {found.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Classes found">
          {found.map((c) => (
            <li key={c.index}>
              <button
                type="button"
                aria-pressed={c.index === value}
                onClick={() => onChange(top5[0]?.index === c.index ? null : c.index)}
                className={`${smallButtonClass} ${c.index === value ? 'border-accent-600 font-semibold dark:border-accent-400' : ''}`}
              >
                {c.name} <span className="text-slate-600 dark:text-slate-300">({c.index})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
