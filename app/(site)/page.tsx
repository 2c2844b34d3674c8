import Link from 'next/link';
import { getLessons } from '@/lib/content/lessons';

export default function HomePage() {
  const lessons = getLessons();
  // The course ends with the lesson that compares the four on the reader's device.
  const closing = lessons[lessons.length - 1];
  return (
    <div className="mx-auto max-w-6xl px-4 py-12">
      <section className="max-w-3xl">
        <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl dark:text-white">Modern CNNs, layer by layer</h1>
        <p className="mt-4 text-lg leading-relaxed text-slate-600 dark:text-slate-300">
          Four architectures that changed how convolutional networks are built: DenseNet, ResNeXt, ShuffleNet v2 and MnasNet, measured against ResNet-50. Every
          lesson is backed by real TensorFlow.js models that run in your browser, so you can see their feature maps and time their layers on your own device.
        </p>
        {closing && closing.meta.order > 0 ? (
          <p className="mt-3 text-base leading-relaxed text-slate-600 dark:text-slate-300">
            Already know them? The last lesson,{' '}
            <Link
              href={`/lessons/${closing.slug}`}
              className="font-medium text-accent-700 underline underline-offset-2 dark:text-accent-300"
              data-testid="home-closing-link"
            >
              {closing.meta.title}
            </Link>
            , puts all four side by side and times them on your device.
          </p>
        ) : null}
      </section>
      <section id="lessons" aria-labelledby="lessons-heading" className="mt-12">
        <h2 id="lessons-heading" className="text-sm font-semibold uppercase tracking-wider text-slate-500 dark:text-slate-400">
          Lessons
        </h2>
        <ol className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {lessons.map((l, i) => (
            <li key={l.slug}>
              <Link
                href={`/lessons/${l.slug}`}
                className="group flex h-full flex-col rounded-xl border border-slate-200 p-5 transition hover:border-accent-500 hover:shadow-sm dark:border-slate-800 dark:hover:border-accent-400"
              >
                <span className="text-xs font-medium text-slate-500 dark:text-slate-400">
                  {i === 0 ? 'Start here' : `Lesson ${i}`} · {l.meta.year}
                </span>
                <span className="mt-1 text-lg font-semibold text-slate-900 group-hover:text-accent-600 dark:text-white dark:group-hover:text-accent-300">
                  {l.meta.title}
                </span>
                <span className="mt-2 text-sm leading-relaxed text-slate-600 dark:text-slate-300">{l.meta.summary}</span>
              </Link>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
