import type { ReactNode } from 'react';

export interface TableColumn {
  readonly label: ReactNode;
  /** Numbers are right-aligned, under their digits. */
  readonly align?: 'left' | 'right';
  /** A column without a visible heading (e.g. a column of buttons) still gets a name for screen readers. */
  readonly srOnly?: boolean;
}

/**
 * The header row of a widget's data table: one `th scope="col"` per column, so no header is
 * ever empty, with the kit's table colours (7.6:1 on white, 6.9:1 on slate-900).
 */
export function TableHead({ columns, context = 'widget' }: { readonly columns: readonly (TableColumn | string)[]; readonly context?: 'widget' | 'page' }) {
  const page = context === 'page';
  return (
    <thead>
      <tr className={`border-b text-slate-600 dark:border-slate-700 dark:text-slate-400 ${page ? 'border-slate-300' : 'border-slate-200'}`}>
        {columns.map((c, i) => {
          const col = typeof c === 'string' ? { label: c } : c;
          const pad = page ? 'px-2' : i < columns.length - 1 ? 'pr-2' : '';
          return (
            <th key={i} scope="col" className={`py-1 ${pad} font-medium ${col.align === 'right' ? 'text-right' : ''}`}>
              {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
