/**
 * Documentation tables: ordinary tables from the sm breakpoint up; on a phone each row becomes a
 * small card (cells stacked, each with its column name), so nothing hides behind a sideways scroll.
 */
export const T = {
  wrap: 'not-prose my-4 rounded-lg border border-slate-200 sm:overflow-x-auto dark:border-slate-800',
  table: 'w-full border-collapse text-left text-[13px] max-sm:block',
  head: 'bg-slate-50 text-xs uppercase tracking-wide text-slate-500 max-sm:sr-only dark:bg-slate-900 dark:text-slate-400',
  th: 'px-3 py-2 font-medium',
  body: 'divide-y divide-slate-200 align-top text-slate-700 max-sm:block dark:divide-slate-800 dark:text-slate-300',
  /** On a phone: the name, then the description, then the details (flex order). */
  row: 'max-sm:flex max-sm:flex-col max-sm:py-2',
  rowHead: 'px-3 py-2 font-normal max-sm:block max-sm:py-1',
  cell: 'px-3 py-2 max-sm:order-2 max-sm:block max-sm:py-0.5',
  /** The description cell: right under the name on a phone, without a label. */
  docCell: 'px-3 py-2 max-sm:order-1 max-sm:block max-sm:pt-0 max-sm:pb-1',
  /** The column name in front of a cell's value, on a phone only. */
  label: 'mr-1 text-[11px] font-medium uppercase tracking-wide text-slate-500 sm:hidden dark:text-slate-400',
} as const;
