'use client';

import { Field } from './Field';

export interface SliderProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly onChange: (v: number) => void;
  /** How the current value is shown beside the label. */
  readonly format?: (v: number) => string;
  readonly disabled?: boolean;
  readonly hint?: string;
  /** The URL parameter this control sets (data-control, for embeds' `hide`). */
  readonly control?: string;
}

/** A native range input (keyboard and screen readers work) with its label and current value. */
export function Slider({ label, value, min, max, step = 1, onChange, format = String, disabled, hint, control }: SliderProps) {
  return (
    <Field
      label={label}
      hint={hint}
      control={control}
      aside={(id) => (
        <output htmlFor={id} className="font-mono tabular-nums text-slate-700 dark:text-slate-300">
          {format(value)}
        </output>
      )}
    >
      {(id, hintId) => (
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={step}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(Number(e.target.value))}
          aria-describedby={hintId}
          aria-valuetext={format(value)}
          className="w-full accent-accent-600 disabled:opacity-50 dark:accent-accent-400"
        />
      )}
    </Field>
  );
}

export interface ParamSliderProps<K extends string> extends Omit<SliderProps, 'min' | 'max' | 'step' | 'control'> {
  /** The widget's URL schema: the range (and step) come from the parameter, declared once there. */
  readonly schema: { readonly [P in K]: { readonly min: number; readonly max: number; readonly step?: number } };
  /** The parameter this slider sets (also its data-control, for embeds' `hide`). */
  readonly name: K;
}

/** A Slider for an int or number parameter of a widget's URL schema. */
export function ParamSlider<K extends string>({ schema, name, ...rest }: ParamSliderProps<K>) {
  const p = schema[name];
  return <Slider {...rest} control={name} min={p.min} max={p.max} step={p.step} />;
}
