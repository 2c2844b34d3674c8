'use client';

import { useEffect, useRef } from 'react';
import { channelStats, chooseColourScale, colourDomain, colourLut, rasterizeChannel, type MapLike } from '@/lib/lab/featuremap-display';

const LUTS = { sequential: colourLut('sequential'), diverging: colourLut('diverging') };

/**
 * One channel of an NCHW feature map (batch item 0), as a canvas: viridis for non-negative maps,
 * blue–white–red around zero for signed ones, normalised per channel.
 */
export function MapTile({ map, channel, size = 44, label }: { map: MapLike; channel: number; size?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [, , h, w] = map.shape;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const stats = channelStats(map.data, channel * h * w, h * w);
    const scale = chooseColourScale(stats);
    const px = rasterizeChannel(map, channel, colourDomain(stats, scale), LUTS[scale]);
    ctx.putImageData(new ImageData(px, w, h), 0, 0);
  }, [map, channel, h, w]);
  return (
    <canvas
      ref={ref}
      width={w}
      height={h}
      style={{ width: size, height: size, imageRendering: 'pixelated' }}
      className="rounded-sm"
      role="img"
      aria-label={label}
    />
  );
}
