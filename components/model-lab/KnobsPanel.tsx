'use client';

import { SchemaControl } from '@/components/ui/SchemaControl';
import type { Schema } from '@/lib/url-state/schema';
import { MnasBlocksEditor } from './MnasBlocksEditor';

/**
 * The model's knobs, generated from its URL schema. A change updates the URL, hence the spec, the
 * graph and every count at once; the tfjs model is rebuilt only when the reader runs it.
 */
export function KnobsPanel({
  schema,
  names,
  state,
  onChange,
  error,
  onReset,
}: {
  schema: Schema;
  names: readonly string[];
  state: Readonly<Record<string, unknown>>;
  onChange: (patch: Record<string, unknown>) => void;
  error: string | null;
  onReset: () => void;
}) {
  return (
    <section aria-labelledby="knobs-heading" className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <div className="mb-3 flex items-center justify-between">
        <h2 id="knobs-heading" className="font-semibold text-slate-900 dark:text-white">
          Knobs
        </h2>
        <button type="button" onClick={onReset} className="text-xs text-accent-600 hover:underline dark:text-accent-300">
          Reset to the paper&apos;s model
        </button>
      </div>
      <div className="grid gap-3">
        {['size', ...names].map((name) =>
          name === 'blocks' && schema[name].kind === 'string' ? (
            <MnasBlocksEditor key={name} code={String(state[name])} onChange={(code) => onChange({ blocks: code })} />
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
          {error} The counts and graph show the last valid network.
        </p>
      ) : null}
    </section>
  );
}
