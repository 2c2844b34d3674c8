'use client';

import { useId } from 'react';
import { hintClass } from './styles';

export interface ToggleProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (v: boolean) => void;
  readonly disabled?: boolean;
  readonly hint?: string;
  /** The URL parameter this control sets (data-control, for embeds' `hide`). */
  readonly control?: string;
  /** Announce it as an on/off switch (role="switch") rather than a checkbox. */
  readonly asSwitch?: boolean;
  /** Placement in the parent's layout (e.g. "self-end pb-1" to sit on a grid row's baseline). */
  readonly className?: string;
}

/** An on/off setting: a native checkbox, so it is a "checkbox" to assistive technology and tests. */
export function Toggle({ label, checked, onChange, disabled, hint, control, asSwitch, className = '' }: ToggleProps) {
  const id = useId();
  return (
    <div className={`min-w-0 ${className}`} data-control={control}>
      {/* At least 24 px tall, so the small checkbox keeps a 24 px target (WCAG 2.5.8, axe target-size). */}
      <label htmlFor={id} className="flex min-h-6 items-center gap-2 font-medium">
        <input
          id={id}
          type="checkbox"
          role={asSwitch ? 'switch' : undefined}
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          className="h-4 w-4 accent-accent-600 dark:accent-accent-400"
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
