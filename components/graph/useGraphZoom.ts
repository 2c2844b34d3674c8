'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { Rect } from '@/lib/graph';

const MARGIN = 24;
const SCALE_EXTENT: [number, number] = [0.05, 4];

export interface GraphZoom {
  /** Current pan/zoom, owned by d3-zoom and mirrored into React state for rendering. */
  transform: ZoomTransform;
  zoomBy(factor: number): void;
  /** Fit the graph: whole if that stays readable, else the full width from the top. */
  reset(animate?: boolean): void;
  /** Pan so a rect (layout coordinates) is in view; no-op when it already is. */
  reveal(rect: Rect): void;
  /** Shift the view by screen pixels, without animation. */
  panBy(dx: number, dy: number): void;
}

/**
 * d3-zoom on the svg (drag to pan, ctrl/⌘ + wheel or pinch to zoom), React renders the transform.
 * A plain wheel pans the graph vertically and hands the scroll back to the page once the graph's
 * end is reached, so the page never gets stuck inside a tall network.
 */
export function useGraphZoom(svgRef: RefObject<SVGSVGElement | null>, size: { width: number; height: number }, reducedMotion: boolean): GraphZoom {
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const motionRef = useRef(reducedMotion);
  useEffect(() => {
    motionRef.current = reducedMotion;
  }, [reducedMotion]);

  // Layout effects so the behaviour exists before the extent effect below and the caller's effects.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      .filter((event: Event) => {
        if (event.type === 'wheel') return (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey;
        const m = event as MouseEvent;
        return !m.ctrlKey && !m.button;
      })
      .on('zoom', (e: { transform: ZoomTransform }) => setTransform(e.transform));
    const sel = select(svg);
    sel.call(z).on('dblclick.zoom', null);
    zoomRef.current = z;
    const onWheel = (ev: WheelEvent) => {
      if (ev.ctrlKey || ev.metaKey) return;
      const before = zoomTransform(svg);
      const unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? svg.clientHeight : 1;
      z.translateBy(sel, (-ev.deltaX * unit) / before.k, (-ev.deltaY * unit) / before.k);
      const after = zoomTransform(svg);
      if (after.x !== before.x || after.y !== before.y) ev.preventDefault();
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      svg.removeEventListener('wheel', onWheel);
      sel.on('.zoom', null);
      zoomRef.current = null;
    };
  }, [svgRef]);

  // Keep panning within the graph (plus a margin) as its size changes with expand/collapse. A
  // layout effect, so the new extent is in place before the caller re-anchors the view.
  useLayoutEffect(() => {
    const z = zoomRef.current;
    const svg = svgRef.current;
    if (!z || !svg) return;
    z.translateExtent([
      [-MARGIN, -MARGIN],
      [size.width + MARGIN, size.height + MARGIN],
    ]);
    z.translateBy(select(svg), 0, 0);
  }, [svgRef, size.width, size.height]);

  /** Go to a transform (d3-zoom clamps it to the extents), animated unless reduced motion. */
  const go = useCallback(
    (target: ZoomTransform, animate: boolean) => {
      const z = zoomRef.current;
      const svg = svgRef.current;
      if (!z || !svg) return;
      const sel = select(svg);
      sel.interrupt();
      if (animate && !motionRef.current) sel.transition().duration(250).call(z.transform, target);
      else sel.call(z.transform, target);
    },
    [svgRef],
  );

  const reset = useCallback(
    (animate = true) => {
      const svg = svgRef.current;
      if (!svg) return;
      const vw = svg.clientWidth;
      const vh = svg.clientHeight;
      const { width, height } = size;
      if (!vw || !vh || !width || !height) return;
      const kWidth = Math.min(1, (vw - 2 * MARGIN) / width);
      const kAll = Math.min(kWidth, (vh - 2 * MARGIN) / height);
      // Seeing the whole network beats seeing it at full size, unless the text becomes unreadable.
      const fitAll = kAll >= 0.5;
      const k = Math.max(SCALE_EXTENT[0], fitAll ? kAll : kWidth);
      const x = (vw - width * k) / 2;
      const y = fitAll ? (vh - height * k) / 2 : MARGIN;
      go(zoomIdentity.translate(x, y).scale(k), animate);
    },
    [svgRef, size, go],
  );

  const zoomBy = useCallback(
    (factor: number) => {
      const svg = svgRef.current;
      if (!svg) return;
      const t = zoomTransform(svg);
      const k = Math.min(SCALE_EXTENT[1], Math.max(SCALE_EXTENT[0], t.k * factor));
      // Zoom about the centre of the view.
      const [cx, cy] = [svg.clientWidth / 2, svg.clientHeight / 2];
      const [px, py] = t.invert([cx, cy]);
      go(zoomIdentity.translate(cx - px * k, cy - py * k).scale(k), true);
    },
    [svgRef, go],
  );

  const reveal = useCallback(
    (r: Rect) => {
      const svg = svgRef.current;
      if (!svg) return;
      const t = zoomTransform(svg);
      const [x0, y0] = t.apply([r.x, r.y]);
      const [x1, y1] = t.apply([r.x + r.width, r.y + r.height]);
      const vw = svg.clientWidth;
      const vh = svg.clientHeight;
      if (x0 >= 0 && y0 >= 0 && x1 <= vw && y1 <= vh) return;
      const [px, py] = [r.x + r.width / 2, r.y + r.height / 2];
      go(zoomIdentity.translate(vw / 2 - px * t.k, vh / 2 - py * t.k).scale(t.k), true);
    },
    [svgRef, go],
  );

  const panBy = useCallback(
    (dx: number, dy: number) => {
      const svg = svgRef.current;
      if (!svg) return;
      const t = zoomTransform(svg);
      go(zoomIdentity.translate(t.x + dx, t.y + dy).scale(t.k), false);
    },
    [svgRef, go],
  );

  return { transform, zoomBy, reset, reveal, panBy };
}
