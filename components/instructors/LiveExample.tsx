'use client';

/**
 * A widget's embed page in an iframe, created only when its place on the page has come near the
 * viewport and stayed there a moment (IntersectionObserver), with loading="lazy" as well: a page that documents fifteen
 * widgets must not load fifteen embeds, let alone start fifteen TensorFlow.js runtimes (the
 * examples of widgets that use it pass run=click). The frame grows to the height its embed reports
 * (lib/embed/messages.ts), like /embed.js does on other sites.
 */
import { useEffect, useRef, useState } from 'react';
import { requestedHeight } from '@/lib/embed/messages';
import { useIntersection } from '@/components/hooks/useInView';

/** How far below (or above) the viewport an example starts loading. */
const NEAR = '600px 0px';
/**
 * It loads once it has stayed near for DWELL_MS with no scrolling for QUIET_MS: a jump through the
 * contents scrolls smoothly past every example on the way, and none of those should load.
 */
const DWELL_MS = 300;
const QUIET_MS = 200;

// One passive scroll listener for all the examples on the page.
let lastScroll = 0;
let listeners = 0;
const onScroll = () => {
  lastScroll = performance.now();
};
function watchScrolling(): () => void {
  if (listeners++ === 0) window.addEventListener('scroll', onScroll, { passive: true, capture: true });
  return () => {
    if (--listeners === 0) window.removeEventListener('scroll', onScroll, { capture: true });
  };
}

export interface LiveExampleProps {
  readonly widgetId: string;
  /** Site-relative src of the embed page. */
  readonly src: string;
  readonly title: string;
  readonly allow: string;
  /** CSS pixels before the embed reports its real height. */
  readonly height: number;
}

export function LiveExample({ widgetId, src, title, allow, height }: LiveExampleProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [near, setNear] = useState(false);
  const [h, setH] = useState(height);

  // Near the viewport for DWELL_MS, and the page has stopped scrolling for QUIET_MS: load.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (near) return;
    const unwatch = watchScrolling();
    return () => {
      clearTimeout(timer.current);
      unwatch();
    };
  }, [near]);
  useIntersection(
    boxRef,
    (visible) => {
      const settle = () => {
        const since = performance.now() - lastScroll;
        if (since < QUIET_MS) timer.current = setTimeout(settle, QUIET_MS - since + 10);
        else setNear(true);
      };
      clearTimeout(timer.current);
      if (visible) timer.current = setTimeout(settle, DWELL_MS);
    },
    { rootMargin: NEAR, enabled: !near },
  );

  useEffect(() => {
    if (!near) return;
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frameRef.current?.contentWindow || e.origin !== window.location.origin) return;
      const next = requestedHeight(e.data);
      if (next !== null) setH(next);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [near]);

  return (
    <div ref={boxRef} className="not-prose" data-testid="live-example" data-widget={widgetId} data-loaded={near ? 'true' : 'false'}>
      {near ? (
        <iframe
          ref={frameRef}
          src={src}
          title={title}
          loading="lazy"
          allow={allow}
          className="block w-full rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
          style={{ height: h }}
        />
      ) : (
        <div
          className="flex items-center justify-center rounded-lg border border-dashed border-slate-300 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400"
          style={{ height }}
        >
          The live example loads when you scroll here.
        </div>
      )}
    </div>
  );
}
