'use client';

import { Field } from './Field';
import { controlClass } from './styles';

export interface SelectProps<V extends string> {
  readonly label: string;
  readonly value: V;
  /** [value, text] pairs, in display order. */
  readonly options: ReadonlyArray<readonly [V, string]>;
  readonly onChange: (v: V) => void;
  readonly disabled?: boolean;
  readonly hint?: string;
  /** The URL parameter this control sets (data-control, for embeds' `hide`). */
  readonly control?: string;
}

/** A native select with its label. */
export function Select<V extends string>({ label, value, options, onChange, disabled, hint, control }: SelectProps<V>) {
  return (
    <Field label={label} hint={hint} control={control}>
      {(id, hintId) => (
        <select
          id={id}
          value={value}
          disabled={disabled}
          aria-describedby={hintId}
          onChange={(e) => onChange(e.target.value as V)}
          className={`w-full ${controlClass}`}
        >
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
