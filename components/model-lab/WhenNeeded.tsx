'use client';

/**
 * A part of the lab that is not needed for its first paint (the graph, hidden on phones; the
 * runner and the charts below the layer table): its code (a React.lazy child) is fetched when the
 * part nears the viewport or when the browser is first idle, whichever comes first, so the lab's
 * first load carries only the knobs, the totals and the layer table. The space is reserved
 * meanwhile, so the page does not jump.
 */
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { HYDRATE_MARGIN, whenNearViewport } from '@/components/lazy/near-viewport';

export function WhenNeeded({ children, minHeight, label }: { children: ReactNode; minHeight: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    return whenNearViewport(el, HYDRATE_MARGIN, () => setNeeded(true), { idle: true });
  }, []);
  const reserve = (
    <p role="status" style={{ minHeight }} className="flex items-center justify-center rounded-xl border border-dashed border-slate-300 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
      Loading the {label}…
    </p>
  );
  return <div ref={ref}>{needed ? <Suspense fallback={reserve}>{children}</Suspense> : reserve}</div>;
}
