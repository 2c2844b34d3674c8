'use client';

/**
 * A part of the lab that is not needed for its first paint (the graph, hidden on phones; the
 * runner and the charts below the layer table): its code (a React.lazy child) is fetched when the
 * part nears the viewport or when the browser is first idle, whichever comes first, so the lab's
 * first load carries only the knobs, the totals and the layer table. The space is reserved
 * meanwhile, so the page does not jump.
 */
import { Suspense, useRef, type ReactNode } from 'react';
import { useIdle } from '@/components/hooks/useIdle';
import { useInView } from '@/components/hooks/useInView';
import { HYDRATE_MARGIN } from '@/lib/widgets/definition';

export function WhenNeeded({ children, minHeight, label }: { children: ReactNode; minHeight: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useInView(ref, { once: true, rootMargin: HYDRATE_MARGIN });
  const idle = useIdle({ enabled: !near });
  const needed = near || idle;
  const reserve = (
    <p
      role="status"
      style={{ minHeight }}
      className="flex items-center justify-center rounded-xl border border-dashed border-slate-300 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
    >
      Loading the {label}…
    </p>
  );
  return <div ref={ref}>{needed ? <Suspense fallback={reserve}>{children}</Suspense> : reserve}</div>;
}
