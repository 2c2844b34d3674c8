export interface TocItem {
  readonly id: string;
  /** 2 for a section, 3 for a subsection (indented). */
  readonly depth: number;
  readonly text: string;
}

/**
 * A page's contents, for lessons and /instructors alike: a sticky sidebar on wide screens
 * (`variant="sidebar"`), a collapsible block above the text on narrow ones (`"inline"`). The two
 * navs have different names, so landmarks stay distinct when both are in the DOM.
 */
export function TableOfContents({ entries, variant }: { readonly entries: readonly TocItem[]; readonly variant: 'sidebar' | 'inline' }) {
  if (entries.length === 0) return null;
  const list = (
    // Each link is padded to a 24 px target rather than spaced out (WCAG 2.5.8, axe target-size).
    <ol className={variant === 'sidebar' ? 'text-[13px] leading-snug' : 'text-sm'}>
      {entries.map((e) => (
        <li key={e.id} className={e.depth === 3 ? 'pl-3' : ''}>
          <a href={`#${e.id}`} className="inline-block py-1 text-slate-600 hover:text-accent-700 dark:text-slate-400 dark:hover:text-accent-300">
            {e.text}
          </a>
        </li>
      ))}
    </ol>
  );
  if (variant === 'sidebar') {
    return (
      <nav aria-label="On this page" className="max-h-[calc(100vh-6rem)] overflow-y-auto pb-6">
        <p className="mb-3 text-xs font-semibold uppercase tracking-wider text-slate-600 dark:text-slate-400">On this page</p>
        {list}
      </nav>
    );
  }
  return (
    <details className="mb-8 rounded-lg border border-slate-200 p-4 lg:hidden dark:border-slate-800">
      <summary className="cursor-pointer text-sm font-semibold text-slate-700 dark:text-slate-200">On this page</summary>
      <nav aria-label="On this page (compact)" className="mt-3">
        {list}
      </nav>
    </details>
  );
}
