'use client';

import { useEffect, useRef } from 'react';
import type { RgbaImage } from '@/lib/runtime/imagenet';

export interface RgbaCanvasProps {
  readonly image: RgbaImage;
  /** Accessible description of what the pixels show. */
  readonly label: string;
  readonly className?: string;
  /** Nearest-neighbour upscaling (feature maps); smooth for photos. */
  readonly pixelated?: boolean;
}

/** Paints RGBA pixels into a canvas at their native resolution; CSS scales it. */
export function RgbaCanvas({ image, label, className, pixelated }: RgbaCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    c.width = image.width;
    c.height = image.height;
    const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength) as Uint8ClampedArray<ArrayBuffer>;
    ctx.putImageData(new ImageData(data, image.width, image.height), 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      width={image.width}
      height={image.height}
      className={className}
      style={pixelated ? { imageRendering: 'pixelated' } : undefined}
    />
  );
}
