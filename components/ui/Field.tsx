'use client';

import { useId, type ReactNode } from 'react';
import { hintClass } from './styles';

export interface FieldProps {
  readonly label: ReactNode;
  /** The control, given the id its label points at and the id of its hint. */
  readonly children: (id: string, hintId: string | undefined) => ReactNode;
  readonly hint?: ReactNode;
  /** The URL parameter this control sets (data-control, for embeds' `hide`). */
  readonly control?: string;
  /** Something shown at the right of the label, e.g. the slider's current value. */
  readonly aside?: (id: string) => ReactNode;
}

/** A label, a control and an optional hint: the layout every kit control shares. */
export function Field({ label, children, hint, control, aside }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex min-w-0 flex-col gap-0.5" data-control={control}>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        {aside?.(id)}
      </div>
      {children(id, hintId)}
      {hint ? (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
