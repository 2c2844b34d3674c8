'use client';

import { useId } from 'react';
import { SchemaControl } from '@/components/ui/SchemaControl';
import type { Schema } from '@/lib/url-state/schema';
import { MnasBlocksEditor } from './MnasBlocksEditor';

/**
 * The model's knobs, generated from its URL schema. A change updates the URL, hence the spec, the
 * graph and every count at once; the tfjs model is rebuilt only when the reader runs it. The model
 * lab shows one panel (with the input size); /train one per model it trains, under namespaced names.
 */
export function KnobsPanel({
  schema,
  names,
  state,
  onChange,
  error,
  onReset,
  title = 'Knobs',
  whileInvalid = 'The counts and graph show the last valid network.',
  resetLabel = "Reset to the paper's model",
  compact = false,
}: {
  schema: Schema;
  /** The parameters shown, in order (the lab: `size`, then the family's knobs). */
  names: readonly string[];
  state: Readonly<Record<string, unknown>>;
  onChange: (patch: Record<string, unknown>) => void;
  error: string | null;
  onReset: () => void;
  title?: string;
  /** What the page shows while the knobs describe a network that cannot be built. */
  whileInvalid?: string;
  resetLabel?: string;
  /** Inside another box (/train's model list): no frame of its own, a smaller heading. */
  compact?: boolean;
}) {
  const heading = useId();
  const Heading = compact ? 'h3' : 'h2';
  return (
    <section aria-labelledby={heading} className={compact ? '' : 'rounded-xl border border-slate-200 p-4 dark:border-slate-800'}>
      <div className={`mb-3 flex ${compact ? 'flex-wrap items-baseline' : 'items-center'} justify-between gap-x-2`}>
        <Heading id={heading} className={`${compact ? 'text-sm' : ''} font-semibold text-slate-900 dark:text-white`}>
          {title}
        </Heading>
        <button type="button" onClick={onReset} className="text-xs text-accent-600 hover:underline dark:text-accent-300">
          {resetLabel}
        </button>
      </div>
      <div className="grid gap-3">
        {names.map((name) =>
          // The one structured knob, MnasNet's block choices (lib/models/mnas-code.ts), is the only string-valued knob parameter.
          schema[name].kind === 'string' ? (
            <MnasBlocksEditor key={name} code={String(state[name])} onChange={(code) => onChange({ [name]: code })} />
          ) : (
            <SchemaControl
              key={name}
              name={name}
              label={schema[name].label ?? name}
              param={schema[name]}
              value={state[name]}
              onChange={(v) => onChange({ [name]: v })}
            />
          ),
        )}
      </div>
      {error ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-300">
          {error} {whileInvalid}
        </p>
      ) : null}
    </section>
  );
}
