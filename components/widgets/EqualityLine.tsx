'use client';

/** Below this, two float32 results are the same up to rounding (summation order) at these sizes. */
export const FLOAT_TOLERANCE = 1e-4;

const sci = (x: number) => (!Number.isFinite(x) ? String(x) : x === 0 ? '0' : x.toExponential(1));

/** "<label> — max |difference| 2.4e-7 ✓": one live equality check of an operation widget. */
export function EqualityLine({
  label,
  detail,
  value,
  testId,
}: {
  readonly label: string;
  readonly detail?: string;
  readonly value: number | null;
  readonly testId: string;
}) {
  const ok = value !== null && value < FLOAT_TOLERANCE;
  return (
    <p className="text-[13px]">
      <span className="font-medium">= {label}</span>
      {detail ? <span className="text-slate-600 dark:text-slate-400"> ({detail})</span> : null}:{' '}
      <span className="whitespace-nowrap">
        max |difference|{' '}
        <output data-testid={testId} data-value={value ?? ''} className="font-mono tabular-nums">
          {value === null ? '…' : sci(value)}
        </output>{' '}
        {value === null ? null : ok ? (
          <span className="text-emerald-700 dark:text-emerald-300">✓ equal to float rounding</span>
        ) : (
          <span className="text-red-700 dark:text-red-300">✗ they differ</span>
        )}
      </span>
    </p>
  );
}
