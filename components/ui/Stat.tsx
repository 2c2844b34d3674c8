import type { ReactNode } from 'react';

export interface StatProps {
  readonly label: string;
  readonly value: ReactNode;
  readonly detail?: ReactNode;
  readonly testId?: string;
  /** data-* attributes carrying the raw value for tests (e.g. { 'data-ms': 12.3 }). */
  readonly data?: Readonly<Record<`data-${string}`, string | number>>;
}

/**
 * A labelled number: a group named by its label (tests and screen readers find it by name) that
 * holds its own complete `<dl>` (term, value, detail). Because the list is inside, a Stat is valid
 * anywhere: never put Stats in a `<dl>` of your own; lay them out with StatGrid.
 */
export function Stat({ label, value, detail, testId, data }: StatProps) {
  return (
    <div role="group" aria-label={label} data-testid={testId} {...data} className="min-w-0 rounded-lg bg-slate-50 px-2.5 py-1.5 dark:bg-slate-800/60">
      <dl>
        <dt className="text-[11px] uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
        <dd className="font-mono text-[15px] tabular-nums text-slate-900 dark:text-slate-100">{value}</dd>
        {detail ? <dd className="text-[11px] text-slate-600 dark:text-slate-400">{detail}</dd> : null}
      </dl>
    </div>
  );
}

/** Stats side by side, wrapping: two columns on a phone, `columns` from the sm breakpoint up. */
export function StatGrid({
  children,
  columns = 3,
  className = '',
  testId,
}: {
  readonly children: ReactNode;
  readonly columns?: 2 | 3 | 4;
  readonly className?: string;
  readonly testId?: string;
}) {
  const cols = columns === 4 ? 'sm:grid-cols-4' : columns === 3 ? 'sm:grid-cols-3' : '';
  return (
    <div className={`grid grid-cols-2 gap-2 ${cols} ${className}`} data-testid={testId}>
      {children}
    </div>
  );
}
