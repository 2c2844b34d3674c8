'use client';

import { memo } from 'react';
import { tileCells } from '@/lib/widgets/channel-tiles/tiles';

export interface ChannelTileProps {
  readonly x: number;
  readonly y: number;
  readonly side: number;
  /** NHWC values (batch 1), or null: not computed yet (an empty, dashed tile). */
  readonly data: ArrayLike<number> | null;
  /** The array's height, width and channel count (NHWC, batch 1). */
  readonly h: number;
  readonly w: number;
  readonly channels: number;
  readonly channel: number;
  /** Half-width of the symmetric colour scale. */
  readonly max: number;
  /** A coloured ring around the tile (the current step's), or none. */
  readonly ring?: string | null;
  readonly opacity?: number;
  readonly title: string;
}

/**
 * One channel of a small tensor as an SVG tile of coloured cells (lib/widgets/channel-tiles/tiles.ts
 * computes them). Memoised on plain props: a step re-draws only the tiles it changes (a 16×16 tile is
 * 256 cells).
 */
export const ChannelTile = memo(function ChannelTile({ x, y, side, data, h, w, channels, channel, max, ring, opacity = 1, title }: ChannelTileProps) {
  return (
    <g opacity={opacity} className="motion-safe:transition-opacity motion-safe:duration-300">
      <title>{title}</title>
      {data ? (
        tileCells(data, { h, w, channels }, channel, { x0: x, y0: y, side }, max).map((c, i) => (
          <rect key={i} x={c.x} y={c.y} width={c.size + 0.05} height={c.size + 0.05} fill={c.fill} />
        ))
      ) : (
        <rect x={x} y={y} width={side} height={side} fill="none" strokeDasharray="2 2" className="stroke-slate-400 dark:stroke-slate-500" strokeWidth={0.8} />
      )}
      {data ? <rect x={x} y={y} width={side} height={side} fill="none" className="stroke-slate-300 dark:stroke-slate-600" strokeWidth={0.5} /> : null}
      {ring ? <rect x={x - 2} y={y - 2} width={side + 4} height={side + 4} rx={2} fill="none" stroke={ring} strokeWidth={2} /> : null}
    </g>
  );
});
