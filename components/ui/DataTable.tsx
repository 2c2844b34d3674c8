import { useId, type ReactNode } from 'react';
import { TABLE_STYLE } from './styles';

export interface DataTableProps {
  /** What the table shows; it names the table (aria-labelledby), so tests and screen readers find it by it. */
  readonly caption: ReactNode;
  /** The table's head and body (TableHead, <tbody>). */
  readonly children: ReactNode;
  /** Classes for the <table>: its minimum width (it scrolls sideways below it) and text size. */
  readonly className?: string;
  /** 'widget': inside a widget frame (small print); 'page': a table of its own in a lesson. */
  readonly context?: 'widget' | 'page';
  readonly figureTestId?: string;
  /** data-* attributes of the <table> itself (e.g. data-testid, data-complete). */
  readonly tableData?: Readonly<Record<`data-${string}`, string | number>>;
}

/**
 * A data table with its caption: a figure whose caption names the table, a container that
 * scrolls sideways on a phone instead of squeezing the columns, and table layout restored inside
 * `.prose` (see TABLE_STYLE).
 */
export function DataTable({ caption, children, className = 'min-w-[28rem] text-xs', context = 'widget', figureTestId, tableData }: DataTableProps) {
  const id = useId();
  const page = context === 'page';
  return (
    <figure className={page ? 'not-prose my-6' : 'mt-3'} data-testid={figureTestId}>
      <figcaption id={id} className={page ? 'mb-2 text-sm text-slate-600 dark:text-slate-400' : 'mb-1 text-xs text-slate-600 dark:text-slate-400'}>
        {caption}
      </figcaption>
      <div className="overflow-x-auto">
        <table aria-labelledby={id} style={TABLE_STYLE} className={`w-full border-collapse text-left ${className}`} {...tableData}>
          {children}
        </table>
      </div>
    </figure>
  );
}
