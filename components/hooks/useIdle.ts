'use client';

import { useEffect, useState } from 'react';

/**
 * Whether the browser has been idle once since mount (requestIdleCallback, with a timeout so a
 * busy page still gets there; a plain timeout where the API is missing, as in Safari): for code a
 * page needs sooner or later, but not for its first paint.
 */
export function useIdle({ timeout = 4000, enabled = true }: { readonly timeout?: number; readonly enabled?: boolean } = {}): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!enabled || idle) return;
    const done = () => setIdle(true);
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(done, { timeout });
      return () => window.cancelIdleCallback(id);
    }
    const t = setTimeout(done, Math.min(timeout, 1500));
    return () => clearTimeout(t);
  }, [enabled, idle, timeout]);
  return idle;
}
