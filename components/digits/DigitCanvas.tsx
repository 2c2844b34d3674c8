'use client';

import { useEffect, useRef } from 'react';

export interface DigitCanvasProps {
  /** side × side grey values in [0, 1], row-major, white (1) on black (0). */
  readonly pixels: Float32Array;
  readonly side?: number;
  /** Accessible description; without one the canvas is decoration (aria-hidden). */
  readonly label?: string;
  readonly className?: string;
}

/**
 * A grey digit at its native resolution, scaled up by CSS without smoothing (each model pixel a
 * square), straight from the Float32Array the model reads: no RGBA copy to keep around.
 */
export function DigitCanvas({ pixels, side = 28, label, className }: DigitCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const k = Math.round(Math.min(1, Math.max(0, pixels[i] || 0)) * 255);
      img.data[4 * i] = k;
      img.data[4 * i + 1] = k;
      img.data[4 * i + 2] = k;
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, side]);
  return (
    <canvas
      ref={ref}
      width={side}
      height={side}
      className={className}
      style={{ imageRendering: 'pixelated' }}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}
