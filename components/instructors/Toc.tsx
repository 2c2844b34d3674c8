import type { TocEntry } from '@/lib/docs/sections';

/** The page's contents: a sticky sidebar on wide screens, a collapsible block on narrow ones. */
export function Toc({ entries, variant }: { entries: readonly TocEntry[]; variant: 'sidebar' | 'inline' }) {
  const list = (
    <ol className={variant === 'sidebar' ? 'space-y-1 text-[13px] leading-snug' : 'space-y-1.5 text-sm'}>
      {entries.map((e) => (
        <li key={e.id} className={e.depth === 3 ? 'pl-3' : 'font-medium'}>
          <a href={`#${e.id}`} className="text-slate-600 hover:text-accent-600 dark:text-slate-400 dark:hover:text-accent-300">
            {e.title}
          </a>
        </li>
      ))}
    </ol>
  );
  if (variant === 'sidebar') {
    return (
      <nav aria-label="On this page" className="max-h-[calc(100vh-6rem)] overflow-y-auto pb-6">
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
