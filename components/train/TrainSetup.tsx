'use client';

import { BackendSelect } from '@/components/ui/BackendSelect';
import { SchemaControl } from '@/components/ui/SchemaControl';
import { hintClass } from '@/components/ui/styles';
import { BACKEND_CHOICES } from '@/lib/url-state/common-params';
import type { Param } from '@/lib/url-state/schema';
import { VARIANT_SUFFIX } from '@/lib/widgets/train/models';
import { TRAIN_SLOTS, slotDefaults, slotKnobNames, slotModelOf } from '@/lib/widgets/train/knobs';
import { DIGITS_MODELS, modelCost, relevantParams } from '@/lib/widgets/train/schema';
import { KnobCost, ModelKnobs } from './ModelKnobs';
import type { BackendChoice } from '@/lib/runtime/backend-names';

export interface TrainSetupProps {
  /** The training parameters' declarations (lib/train/config.ts) and the page's own (evalEvery). */
  readonly params: Readonly<Record<string, Param>>;
  readonly state: Readonly<Record<string, unknown>>;
  readonly onChange: (patch: Record<string, unknown>) => void;
  /** Several models (checkboxes, /train) or one (a select, the embed). */
  readonly models: { readonly multiple: true; readonly value: readonly string[] } | { readonly multiple: false; readonly value: string };
  /** While a session exists the settings are locked: they describe the run on screen. */
  readonly locked: boolean;
  /** Parameters to leave out (the compact embed shows fewer). */
  readonly omit?: readonly string[];
  /** Show the backend choice (default true). */
  readonly backend?: boolean;
}

/**
 * The training lab's settings, generated from the declarations: the model choice (with each model's
 * parameters and MACs from lib/arch), every training parameter of lib/train/config.ts as a
 * SchemaControl (so its range, step and doc are the declared ones), and the backend.
 */
export function TrainSetup({ params, state, onChange, models, locked, omit = [], backend = true }: TrainSetupProps) {
  const names = [...relevantParams(state), 'evalEvery'].filter((n) => !omit.includes(n) && n in params);
  return (
    <fieldset disabled={locked} className="min-w-0 space-y-4" data-testid="train-setup">
      <legend className="sr-only">Training settings</legend>
      {models.multiple ? (
        <fieldset className="space-y-1" data-control="models">
          <legend className="mb-1 font-medium">Models</legend>
          {DIGITS_MODELS.map((id) => {
            const m = slotModelOf(id, state).model;
            const { params: p, macs } = modelCost(m.id, m.knobs);
            const b = `${id}${VARIANT_SUFFIX}`;
            const checked = models.value.includes(id);
            const hasB = models.value.includes(b);
            const slots = (keep: (s: string) => boolean) => TRAIN_SLOTS.filter(keep);
            return (
              <div key={id} className="space-y-1">
                <label className="flex min-h-6 items-center gap-2">
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-accent-600 dark:accent-accent-400"
                    checked={checked}
                    onChange={(e) =>
                      onChange({
                        // Unchecking a model drops its second variant too.
                        models: e.target.checked ? slots((s) => s === id || models.value.includes(s)) : models.value.filter((s) => s !== id && s !== b),
                      })
                    }
                  />
                  <span className="font-mono text-[13px]">{id}</span>
                  <span className={hintClass}>
                    {m.variant ? `${m.variant}, ` : ''}
                    <KnobCost slot={id} params={p} macs={macs} />
                  </span>
                </label>
                {checked ? <ModelKnobs slot={id} state={state} onChange={onChange} indent showCost={false} /> : null}
                {hasB ? (
                  <ModelKnobs
                    indent
                    slot={b}
                    state={state}
                    onChange={onChange}
                    onRemove={() =>
                      onChange({
                        models: models.value.filter((s) => s !== b),
                        ...slotDefaults(b),
                      })
                    }
                  />
                ) : checked ? (
                  <button
                    type="button"
                    className="ml-6 text-xs text-accent-600 hover:underline dark:text-accent-300"
                    onClick={() =>
                      // The second variant starts as a copy of the first: change one knob to compare.
                      onChange({
                        models: slots((s) => s === b || models.value.includes(s)),
                        ...Object.fromEntries(slotKnobNames(b).map((n, i) => [n, state[slotKnobNames(id)[i]]])),
                      })
                    }
                  >
                    Compare with a second {id} variant
                  </button>
                ) : null}
              </div>
            );
          })}
          <p className={hintClass}>
            Several models train one after another, each measured alone, then compared. A second variant of a model (other knobs, say DenseNet k=12 against
            k=24) trains and is compared the same way.
          </p>
        </fieldset>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
        {names.map((name) => (
          // data-control: an embed's `hide=` removes a control by its parameter's name.
          <div key={name} data-control={name} className="min-w-0">
            <SchemaControl name={name} label={params[name].label ?? name} param={params[name]} value={state[name]} onChange={(v) => onChange({ [name]: v })} />
          </div>
        ))}
      </div>
      {backend ? (
        <BackendSelect<BackendChoice> value={state.backend as BackendChoice} onChange={(b) => onChange({ backend: b })} choices={BACKEND_CHOICES} />
      ) : null}
      {locked && backend ? <p className={hintClass}>These settings describe the training on screen; Reset to change them.</p> : null}
    </fieldset>
  );
}
