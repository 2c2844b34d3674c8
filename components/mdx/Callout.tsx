import type { ReactNode } from 'react';

const TONES = {
  note: 'border-accent-500 bg-accent-50 dark:bg-accent-700/15',
  warning: 'border-amber-500 bg-amber-50 dark:bg-amber-500/10',
} as const;

/**
 * A boxed aside in a lesson: a note by default, or a warning (e.g. a figure tutorials get wrong).
 * Its role is a note, not a page landmark: a page with several would list unnamed look-alike
 * "complementary" regions (axe: landmark-unique).
 */
export function Callout({ title, tone = 'note', children }: { title?: string; tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <aside role="note" aria-label={title} className={`not-prose my-6 rounded-r-lg border-l-4 px-4 py-3 text-[0.95rem] leading-relaxed ${TONES[tone]}`}>
      {title ? <p className="mb-1 font-semibold text-slate-900 dark:text-white">{title}</p> : null}
      <div className="text-slate-700 dark:text-slate-300 [&_p]:my-1">{children}</div>
    </aside>
  );
}
