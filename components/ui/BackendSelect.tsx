'use client';

import { BACKEND_LABELS } from '@/lib/runtime/backend-names';
import { Select } from './Select';

const CHOICE_LABELS: Record<string, string> = { auto: 'Automatic (fastest available)', ...BACKEND_LABELS };

/** The `backend=` choice every tfjs widget offers: 'auto' or one backend, in the widget's order. */
export function BackendSelect<V extends string>({
  value,
  onChange,
  disabled,
  choices,
}: {
  readonly value: V;
  readonly onChange: (v: V) => void;
  readonly disabled?: boolean;
  readonly choices: readonly V[];
}) {
  return (
    <Select
      label="Backend"
      control="backend"
      value={value}
      disabled={disabled}
      onChange={onChange}
      options={choices.map((c) => [c, CHOICE_LABELS[c] ?? c] as const)}
    />
  );
}
