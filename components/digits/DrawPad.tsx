'use client';

import { useEffect, useRef, type PointerEvent } from 'react';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { PEN_RADIUS, type Stroke, type StrokePoint } from '@/lib/data/digits/centre';

export interface DrawPadProps {
  /** What is drawn, oldest stroke first, in the pad's unit square. */
  readonly strokes: readonly Stroke[];
  /** Every change while drawing (each pointer move adds points to the last stroke). */
  readonly onStrokes: (strokes: readonly Stroke[]) => void;
  readonly disabled?: boolean;
  /** Accessible name of the canvas. */
  readonly label: string;
  /** id of the element with the instructions. */
  readonly describedBy?: string;
}

/** Pressure only where the hardware measures it (pens); mice and most touch screens report a constant. */
function pointOf(e: { clientX: number; clientY: number; pressure: number; pointerType: string }, box: DOMRect): StrokePoint {
  const x = (e.clientX - box.left) / box.width;
  const y = (e.clientY - box.top) / box.height;
  return e.pointerType === 'pen' ? { x, y, pressure: e.pressure } : { x, y };
}

/**
 * A square canvas to draw a digit on with a mouse, a pen or a finger (Pointer Events: one pointer
 * at a time, captured for the whole stroke so that leaving the square does not end it, and
 * `touch-action: none` so that a finger draws instead of scrolling the page). It shows the strokes
 * as the model's renderer will draw them (lib/data/digits/centre.ts: same pen radius, same
 * pressure rule), white on black.
 */
export function DrawPad({ strokes, onStrokes, disabled, label, describedBy }: DrawPadProps) {
  const [boxRef, side] = useElementWidth({ initial: 224, min: 120, max: 280 });
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const active = useRef<{ id: number; stroke: StrokePoint[] } | null>(null);
  const latest = useRef(strokes);
  useEffect(() => {
    latest.current = strokes;
  });

  useEffect(() => {
    const c = canvasRef.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = typeof window === 'undefined' ? 1 : Math.min(3, window.devicePixelRatio || 1);
    const px = Math.round(side * dpr);
    if (c.width !== px) c.width = c.height = px;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, px, px);
    ctx.strokeStyle = ctx.fillStyle = '#fff';
    ctx.lineCap = 'round';
    const r = (p: StrokePoint) => PEN_RADIUS * px * (p.pressure === undefined ? 1 : 0.5 + Math.min(1, Math.max(0, p.pressure)));
    for (const s of strokes) {
      if (s.length === 1) {
        ctx.beginPath();
        ctx.arc(s[0].x * px, s[0].y * px, r(s[0]), 0, 2 * Math.PI);
        ctx.fill();
      }
      for (let i = 0; i + 1 < s.length; i++) {
        ctx.lineWidth = r(s[i]) + r(s[i + 1]);
        ctx.beginPath();
        ctx.moveTo(s[i].x * px, s[i].y * px);
        ctx.lineTo(s[i + 1].x * px, s[i + 1].y * px);
        ctx.stroke();
      }
    }
  }, [strokes, side]);

  const box = () => (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
  const emit = () => {
    const a = active.current;
    if (!a) return;
    const done = latest.current.slice(0, -1);
    onStrokes([...done, [...a.stroke]]);
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (disabled || active.current || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    active.current = { id: e.pointerId, stroke: [pointOf(e, box())] };
    latest.current = [...latest.current, []];
    emit();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    const a = active.current;
    if (!a || e.pointerId !== a.id) return;
    e.preventDefault();
    const b = box();
    // Every sample since the last frame (a pen reports more often than the page paints).
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const ev of events.length ? events : [e.nativeEvent]) a.stroke.push(pointOf(ev, b));
    emit();
  };
  const up = (e: PointerEvent<HTMLCanvasElement>) => {
    if (active.current?.id !== e.pointerId) return;
    active.current = null;
  };

  return (
    <div ref={boxRef} className="w-full max-w-[280px]">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={label}
        aria-describedby={describedBy}
        data-testid="draw-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onLostPointerCapture={up}
        className={`block aspect-square w-full rounded-md border border-slate-300 bg-black dark:border-slate-600 ${disabled ? 'cursor-not-allowed opacity-60' : 'cursor-crosshair'}`}
        style={{ touchAction: 'none', width: side, height: side }}
      />
    </div>
  );
}
