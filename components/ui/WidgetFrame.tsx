'use client';

import { useId, type ReactNode } from 'react';
import { TitleLevelProvider, useSubHeading } from './Heading';

export interface WidgetFrameProps {
  readonly title: string;
  /** A short tag after the title, part of the region's name ("3 units, computed with TensorFlow.js"). */
  readonly badge?: ReactNode;
  /** A sentence under the title. */
  readonly subtitle?: ReactNode;
  readonly testId?: string;
  readonly children: ReactNode;
}

/**
 * The frame around every widget, in lessons, embeds and the lab: a `section` named by its heading
 * (a landmark region screen readers list, and e2e tests find by name). `data-part` marks the parts
 * an embed's `hide=` can remove. The title is an h3 in a lesson and the page's h1 in an embed (Heading.tsx).
 */
export function WidgetFrame({ title, badge, subtitle, testId, children }: WidgetFrameProps) {
  const id = useId();
  const { Tag, level } = useSubHeading();
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      className="not-prose my-8 min-w-0 rounded-xl border border-slate-200 bg-white p-3 text-sm text-slate-800 shadow-sm sm:p-4 dark:border-slate-800 dark:bg-slate-900/40 dark:text-slate-200"
    >
      <header className="mb-3">
        <Tag id={`${id}-title`} className="text-base font-semibold text-slate-900 dark:text-white" data-part="title">
          {title}
          {badge ? <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">{badge}</span> : null}
        </Tag>
        {subtitle ? (
          <p className="mt-0.5 text-[13px] text-slate-600 dark:text-slate-400" data-part="description">
            {subtitle}
          </p>
        ) : null}
      </header>
      <TitleLevelProvider level={level}>{children}</TitleLevelProvider>
    </section>
  );
}
