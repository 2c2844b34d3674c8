import type { TocEntry } from '@/lib/content/rehype-toc';

/**
 * The on-page contents, built from the lesson's h2/h3 headings. On wide screens it sits in a
 * sticky sidebar; on narrow screens it is a collapsible block above the text.
 */
export function TableOfContents({ entries, variant }: { entries: readonly TocEntry[]; variant: 'sidebar' | 'inline' }) {
  if (entries.length === 0) return null;
  const list = (
    <ol className="space-y-1.5 text-sm">
      {entries.map((e) => (
        <li key={e.id} className={e.depth === 3 ? 'pl-3' : ''}>
          <a href={`#${e.id}`} className="text-slate-600 hover:text-accent-600 dark:text-slate-400 dark:hover:text-accent-300">
            {e.text}
          </a>
        </li>
      ))}
      <li>
        <a href="#references" className="text-slate-600 hover:text-accent-600 dark:text-slate-400 dark:hover:text-accent-300">
          References
        </a>
      </li>
    </ol>
  );
  if (variant === 'sidebar') {
    return (
      <nav aria-label="On this page">
        <p className="mb-3 text-xs font-semibold uppercase tracking-wider text-slate-500 dark:text-slate-400">On this page</p>
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
