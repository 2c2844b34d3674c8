'use client';

import { type RefObject, useEffect, useRef, useState } from 'react';

export interface InViewOptions {
  /** Grow (or shrink) the viewport by this CSS margin, e.g. '600px 0px' to fire before it shows. */
  readonly rootMargin?: string;
  /** Observe only while true (default true). */
  readonly enabled?: boolean;
}

/**
 * Calls `onChange(visible)` whenever the element behind `ref` enters or leaves the (margin-grown)
 * viewport: one IntersectionObserver per element, disconnected on unmount. The callback may change
 * between renders without re-observing. For callers that need timers around visibility (embeds
 * that mount tfjs only after a moment in view, live examples that wait for scrolling to stop).
 */
export function useIntersection(
  ref: RefObject<Element | null>,
  onChange: (visible: boolean) => void,
  { rootMargin, enabled = true }: InViewOptions = {},
): void {
  const cb = useRef(onChange);
  useEffect(() => {
    cb.current = onChange;
  });
  useEffect(() => {
    const el = ref.current;
    if (!enabled || !el) return;
    const io = new IntersectionObserver((entries) => cb.current(entries[entries.length - 1].isIntersecting), { rootMargin });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, rootMargin, enabled]);
}

/**
 * Whether the element behind `ref` is in (or, with `rootMargin`, near) the viewport. With
 * `once`, it stays true after the first time: for work that should start once, as a widget below
 * the fold approaches, and never be undone.
 */
export function useInView(ref: RefObject<Element | null>, { once = false, ...options }: InViewOptions & { readonly once?: boolean } = {}): boolean {
  const [inView, setInView] = useState(false);
  useIntersection(ref, (v) => setInView((was) => (once && was) || v), { ...options, enabled: (options.enabled ?? true) && !(once && inView) });
  return inView;
}
