import Link from 'next/link';
import type { Lesson } from '@/lib/content/lessons';

export function LessonNav({ prev, next }: { prev: Lesson | null; next: Lesson | null }) {
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
    </nav>
  );
}
