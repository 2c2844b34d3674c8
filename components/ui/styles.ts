/**
 * Class names the kit's controls share, for the few places that need a native element the kit
 * does not wrap (a button inside a table row, a select with option groups). Colours meet WCAG AA
 * in light and dark: white on accent-600 is 6.6:1, white on accent-500 (dark) 4.8:1.
 */
export const controlClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

export const buttonClass =
  'inline-flex items-center justify-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';

export const primaryButtonClass =
  'inline-flex items-center justify-center gap-1.5 rounded-md border border-transparent bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-accent-500 dark:hover:bg-accent-600';

/** A compact select or number field for toolbars and table cells. */
export const smallControlClass =
  'rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm text-slate-900 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

/** A compact secondary button (export, paging, close) for toolbars inside a chart or panel. */
export const smallButtonClass =
  'rounded border border-slate-300 px-2 py-0.5 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';

/** Small print under a control or a chart: 7.6:1 on white, 6.9:1 on slate-900. */
export const hintClass = 'text-[11px] text-slate-600 dark:text-slate-400';

/**
 * app/globals.css makes every `.prose table` a scrolling block (display: block), which also hits
 * tables inside `not-prose` widgets and stops them filling their width. Widgets wrap their tables
 * in their own scrolling container, so they restore table layout inline (an unlayered rule beats
 * Tailwind's utility layer, an inline style beats both).
 */
export const TABLE_STYLE = { display: 'table' } as const;
