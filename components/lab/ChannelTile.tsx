'use client';

import { useEffect, useRef } from 'react';
import { type MapLike, mapGeometry, rasterizeChannel } from '@/lib/lab/featuremap-display';

export interface ChannelTileProps {
  readonly map: MapLike;
  readonly channel: number;
  readonly domain: readonly [number, number];
  readonly lut: Uint8ClampedArray;
  readonly className?: string;
}

/** One channel as a canvas at the map's native resolution, scaled up without smoothing. */
export function ChannelTile({ map, channel, domain, lut, className }: ChannelTileProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const g = mapGeometry(map);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(rasterizeChannel(map, channel, domain, lut), g.width, g.height), 0, 0);
  }, [map, channel, domain, lut, g.width, g.height]);
  return <canvas ref={ref} width={g.width} height={g.height} aria-hidden="true" className={className} style={{ imageRendering: 'pixelated' }} />;
}
