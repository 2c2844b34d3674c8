import type { ReactNode } from 'react';

/**
 * A heading with an explicit, stable id (the page is TSX, so nothing derives ids from text) and a
 * "#" link to itself for copying.
 */
export function Heading({ level, id, children, className = '' }: { level: 2 | 3 | 4; id: string; children: ReactNode; className?: string }) {
  const Tag = `h${level}` as const;
  const size =
    level === 2
      ? 'mt-14 mb-4 border-b border-slate-200 pb-2 text-2xl font-bold tracking-tight dark:border-slate-800'
      : level === 3
        ? 'mt-10 mb-3 text-xl font-semibold'
        : 'mt-6 mb-2 text-base font-semibold';
  return (
    <Tag id={id} className={`group scroll-mt-20 text-slate-900 dark:text-white ${size} ${className}`}>
      {children}
      <a
        href={`#${id}`}
        className="ml-2 font-normal text-slate-400 no-underline opacity-0 group-hover:opacity-100 focus:opacity-100 hover:text-accent-600 dark:text-slate-500 dark:hover:text-accent-300"
        aria-label={`Link to this section`}
      >
        #
      </a>
    </Tag>
  );
}
