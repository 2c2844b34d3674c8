import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LessonNav } from '@/components/lesson/LessonNav';
import { References } from '@/components/lesson/References';
import { TableOfContents } from '@/components/ui/TableOfContents';
import { compileLesson } from '@/lib/content/compile';
import { getLesson, getLessons } from '@/lib/content/lessons';
import { mdxComponents } from '@/mdx-components';

// Every lesson is pre-rendered; an unknown slug is a 404, not a server render.
export const dynamicParams = false;

export function generateStaticParams() {
  return getLessons().map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const found = getLesson(slug);
  if (!found) return {};
  return { title: found.lesson.meta.title, description: found.lesson.meta.summary };
}

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const found = getLesson(slug);
  if (!found) notFound();
  const { lesson, prev, next, last } = found;
  const { content, toc: headings } = await compileLesson(lesson.file, lesson.body, mdxComponents);
  // The references section is rendered by the page, not the MDX, so it joins the contents here.
  const toc = headings.length > 0 ? [...headings, { id: 'references', depth: 2, text: 'References' }] : headings;
  const { meta } = lesson;
  const kicker = meta.order === 0 ? 'Introduction' : `Lesson ${meta.order}`;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 lg:grid lg:grid-cols-[minmax(0,1fr)_14rem] lg:gap-12">
      <article className="min-w-0">
        <header className="mb-8 border-b border-slate-200 pb-6 dark:border-slate-800">
          <p className="text-sm text-slate-500 dark:text-slate-400">{meta.paper ? `${kicker} · ${meta.paper.venue}` : `${kicker} · the course compared`}</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl dark:text-white">{meta.title}</h1>
          <p className="mt-3 text-lg text-slate-600 dark:text-slate-300">{meta.summary}</p>
        </header>
        <TableOfContents entries={toc} variant="inline" />
        <div className="prose prose-slate max-w-none dark:prose-invert prose-headings:scroll-mt-20 prose-a:text-accent-600 dark:prose-a:text-accent-300">
          {content}
          <References paper={meta.paper} references={meta.references} implementations={meta.implementations} />
        </div>
        <LessonNav prev={prev} next={next} last={last} />
      </article>
      <aside className="hidden lg:block">
        <div className="sticky top-20">
          <TableOfContents entries={toc} variant="sidebar" />
        </div>
      </aside>
    </div>
  );
}
