import type { ReactNode } from 'react';
import { T } from './table-style';

export interface DocTableProps {
  /** Read by screen readers only (the section heading says it for sighted readers). */
  readonly caption: string;
  /** The header row: the name column first, "What it does" last. */
  readonly columns: readonly string[];
  /** The table's least width from the sm breakpoint up (a Tailwind class), so columns stay readable. */
  readonly minWidthClass: string;
  /** data-* attributes the tests find the table by. */
  readonly data?: Readonly<Record<`data-${string}`, string | undefined>>;
  /** The <tr> rows (T.row), each a T.rowHead <th> then T.cell / T.docCell cells. */
  readonly children: ReactNode;
}

/**
 * The frame of /instructors' documentation tables (widget parameters, MDX component props):
 * a table from the sm breakpoint up, a card per row on a phone (table-style.ts).
 */
export function DocTable({ caption, columns, minWidthClass, data, children }: DocTableProps) {
  return (
    <div className={T.wrap}>
      <table className={`${T.table} ${minWidthClass}`} {...data}>
        <caption className="sr-only">{caption}</caption>
        <thead className={T.head}>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={T.th}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={T.body}>{children}</tbody>
      </table>
    </div>
  );
}
