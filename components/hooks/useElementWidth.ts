'use client';

import { useCallback, useRef, useState } from 'react';

export interface ElementWidthOptions {
  /** Width before the element is measured (and on the server). */
  readonly initial?: number;
  /** Smallest width reported: below it a chart scrolls sideways instead of squeezing. */
  readonly min?: number;
  /** Largest width reported. */
  readonly max?: number;
}

/**
 * The content width, in CSS pixels, of the element the returned callback ref is put on, tracked
 * with a ResizeObserver. Charts draw their SVG at the real width, so text keeps its size on a
 * phone instead of being scaled down with the drawing.
 *
 *   const [boxRef, width] = useElementWidth({ initial: 640, min: 280, max: 760 });
 *   <div ref={boxRef}>…<svg width={width} …/></div>
 */
export function useElementWidth<E extends HTMLElement = HTMLDivElement>({ initial = 640, min = 240, max = Infinity }: ElementWidthOptions = {}): [
  (el: E | null) => void,
  number,
] {
  const [width, setWidth] = useState(Math.min(max, Math.max(min, initial)));
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: E | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      const measure = () => setWidth(Math.max(min, Math.min(max, Math.floor(el.clientWidth))));
      measure();
      observer.current = new ResizeObserver(measure);
      observer.current.observe(el);
    },
    [min, max],
  );
  return [ref, width];
}
