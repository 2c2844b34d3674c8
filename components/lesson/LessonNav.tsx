import Link from 'next/link';
import type { Lesson } from '@/lib/content/lessons';

/**
 * The end of a lesson: previous and next in the course order, and, where the next lesson is not
 * already the last one, a link to the course's closing lesson (the four compared on the reader's device).
 */
export function LessonNav({ prev, next, last = null }: { prev: Lesson | null; next: Lesson | null; last?: Lesson | null }) {
  const closing = last && last.slug !== next?.slug ? last : null;
  return (
    <nav aria-label="Lessons" className="mt-12 grid gap-4 border-t border-slate-200 pt-6 sm:grid-cols-2 dark:border-slate-800">
      {prev ? (
        <Link rel="prev" href={`/lessons/${prev.slug}`} className="rounded-lg border border-slate-200 p-4 hover:border-accent-500 dark:border-slate-800">
          <span className="block text-xs text-slate-500 dark:text-slate-400">← Previous</span>
          <span className="font-medium text-slate-900 dark:text-white">{prev.meta.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link
          rel="next"
          href={`/lessons/${next.slug}`}
          className="rounded-lg border border-slate-200 p-4 text-right hover:border-accent-500 dark:border-slate-800"
        >
          <span className="block text-xs text-slate-500 dark:text-slate-400">Next →</span>
          <span className="font-medium text-slate-900 dark:text-white">{next.meta.title}</span>
        </Link>
      ) : null}
      {closing ? (
        <Link
          href={`/lessons/${closing.slug}`}
          data-testid="closing-lesson-link"
          className="rounded-lg border border-dashed border-slate-300 p-4 hover:border-accent-500 sm:col-span-2 dark:border-slate-700"
        >
          <span className="block text-xs text-slate-500 dark:text-slate-400">Where the course ends</span>
          <span className="font-medium text-slate-900 dark:text-white">{closing.meta.title}</span>
          <span className="mt-0.5 block text-sm text-slate-600 dark:text-slate-300">{closing.meta.summary}</span>
        </Link>
      ) : null}
    </nav>
  );
}
