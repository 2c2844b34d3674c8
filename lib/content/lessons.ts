import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontMatter } from './split-frontmatter';
import { validateFrontMatter, type LessonFrontMatter } from './frontmatter';

/** Where lesson files live, relative to the project root (the working directory of next build). */
export const LESSONS_DIR = join(process.cwd(), 'content', 'lessons');

export interface Lesson {
  readonly slug: string;
  readonly file: string;
  readonly meta: LessonFrontMatter;
  /** MDX body without the front matter. */
  readonly body: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parses and validates a set of lesson sources; pure, so it is unit-tested without the file system. */
export function parseLessons(files: ReadonlyArray<{ file: string; source: string }>): Lesson[] {
  const lessons = files.map(({ file, source }) => {
    const slug = file.replace(/\.mdx$/, '');
    if (!SLUG.test(slug)) {
      throw new Error(`${file}: lesson file names must be lower-case words joined by "-" (they become the URL), e.g. "shufflenet-v2.mdx"`);
    }
    const { data, body } = splitFrontMatter(file, source);
    return { slug, file, meta: validateFrontMatter(file, data), body };
  });
  const byOrder = new Map<number, string>();
  for (const l of lessons) {
    const other = byOrder.get(l.meta.order);
    if (other) throw new Error(`${l.file}: order ${l.meta.order} is already used by ${other}; each lesson needs its own order`);
    byOrder.set(l.meta.order, l.file);
  }
  return lessons.sort((a, b) => a.meta.order - b.meta.order);
}

let cache: Lesson[] | null = null;

/** All lessons, sorted by `order`. Throws (and so fails the build) on any invalid lesson file. */
export function getLessons(): Lesson[] {
  if (cache && process.env.NODE_ENV === 'production') return cache;
  const files = readdirSync(LESSONS_DIR)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => ({ file, source: readFileSync(join(LESSONS_DIR, file), 'utf8') }));
  cache = parseLessons(files);
  return cache;
}

/**
 * A lesson with its neighbours in the course, and the course's last lesson (where every lesson's
 * end links to: the closing comparison), null when `slug` is that lesson itself.
 */
export function getLesson(slug: string): { lesson: Lesson; prev: Lesson | null; next: Lesson | null; last: Lesson | null } | null {
  const lessons = getLessons();
  const i = lessons.findIndex((l) => l.slug === slug);
  if (i < 0) return null;
  const last = lessons[lessons.length - 1];
  return { lesson: lessons[i], prev: lessons[i - 1] ?? null, next: lessons[i + 1] ?? null, last: last === lessons[i] ? null : last };
}
