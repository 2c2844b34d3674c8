'use client';

import { type KeyboardEvent, type MouseEvent, useRef } from 'react';
import type { Pair } from '@/lib/arch/ir';
import { cellAtPoint, moveCell } from '@/lib/lab/cell-selection';
import type { MapLike, MapGeometry } from '@/lib/lab/featuremap-display';
import { ChannelTile } from './ChannelTile';
import { FIELD_COLOURS } from './FieldImage';

export interface CellPickerProps {
  readonly map: MapLike;
  /** Which tile of the map (a channel; 0 for a vector). */
  readonly tile: number;
  readonly geo: MapGeometry;
  readonly domain: readonly [number, number];
  readonly lut: Uint8ClampedArray;
  /** The keyboard cursor's cell while this tile has focus, else null. */
  readonly cursor: Pair | null;
  /** The selected cell when it is in this tile. */
  readonly selected: Pair | null;
  /** The tile's channel is the selected one (aria-pressed). */
  readonly pressed: boolean;
  readonly label: string;
  /** id of the element that says how to use the keyboard here. */
  readonly describedBy?: string;
  readonly onFocus: () => void;
  readonly onBlur: () => void;
  readonly onCursor: (cell: Pair) => void;
  readonly onSelect: (cell: Pair) => void;
  readonly className?: string;
  readonly testId?: string;
}

/** A cell outline in the tile's own coordinates (SVG, drawn over the canvas). */
function CellMark({ cell, kind }: { cell: Pair; kind: 'cursor' | 'selected' }) {
  const common = { x: cell[1], y: cell[0], width: 1, height: 1, fill: 'none', vectorEffect: 'non-scaling-stroke' as const };
  return kind === 'selected' ? (
    <>
      <rect {...common} stroke="black" strokeWidth={4} />
      <rect {...common} stroke={FIELD_COLOURS.cell} strokeWidth={2} data-mark="selected" />
    </>
  ) : (
    <>
      <rect {...common} stroke="black" strokeWidth={3} />
      <rect {...common} stroke="white" strokeWidth={1.5} strokeDasharray="3 2" data-mark="cursor" />
    </>
  );
}

/**
 * One channel's tile as a control: a click picks the cell under the pointer; with focus, the
 * arrow keys (Home/End, PageUp/PageDown) move a cell cursor and Enter or Space picks it. The
 * cursor and the selected cell are outlined over the map.
 */
export function CellPicker(p: CellPickerProps) {
  const box = useRef<HTMLSpanElement>(null);
  const { geo } = p;

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const next = moveCell(p.cursor ?? p.selected ?? [0, 0], e.key, geo.height, geo.width, geo.valuesPerTile);
    if (!next) return;
    e.preventDefault();
    p.onCursor(next);
  };

  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    const r = box.current?.getBoundingClientRect();
    // Enter and Space click with detail 0: they pick the cursor's cell, a pointer the cell under it.
    if (e.detail === 0 || !r || r.width === 0) {
      if (p.cursor) p.onSelect(p.cursor);
      return;
    }
    const cell = cellAtPoint(e.clientX - r.left, e.clientY - r.top, r.width, r.height, geo.height, geo.width);
    if (cell[0] * geo.width + cell[1] < geo.valuesPerTile) p.onSelect(cell);
  };

  return (
    <button
      type="button"
      aria-pressed={p.pressed}
      aria-label={p.label}
      aria-describedby={p.describedBy}
      onFocus={p.onFocus}
      onBlur={p.onBlur}
      onKeyDown={onKeyDown}
      onClick={onClick}
      data-channel={p.tile}
      data-testid={p.testId}
      className={`block w-full cursor-crosshair rounded-sm border-2 p-0 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent-500 focus-visible:ring-offset-1 dark:focus-visible:ring-offset-slate-900 ${p.className ?? ''} ${p.pressed ? 'border-accent-500 dark:border-accent-400' : 'border-transparent hover:border-slate-400 dark:hover:border-slate-500'}`}
    >
      <span ref={box} className="relative block">
        <ChannelTile map={p.map} channel={p.tile} domain={p.domain} lut={p.lut} className="block w-full" />
        {p.cursor || p.selected ? (
          <svg
            className="pointer-events-none absolute inset-0 h-full w-full overflow-visible"
            viewBox={`0 0 ${geo.width} ${geo.height}`}
            preserveAspectRatio="none"
            aria-hidden="true"
          >
            {p.selected ? <CellMark cell={p.selected} kind="selected" /> : null}
            {p.cursor ? <CellMark cell={p.cursor} kind="cursor" /> : null}
          </svg>
        ) : null}
      </span>
    </button>
  );
}
