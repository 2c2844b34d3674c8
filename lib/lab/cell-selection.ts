/**
 * Which output unit of a layer the reader picked in the feature-map view: a channel and a cell of
 * its map. A unit is named in the node's own output coordinates (PyTorch's [C, H, W], or [F] for
 * a vector after a global pool or the classifier, where the unit is feature f at cell (0, 0)); the
 * tiles show a vector as one near-square tile (featuremap-display.ts mapGeometry), so a tile's
 * cell is mapped to a unit and back here.
 *
 * Also the cell cursor the keyboard moves inside a focused tile, the cell under a pointer, and
 * the URL parameters' values checked against the layer (with a message naming what is wrong).
 */
import type { Pair } from '../arch/ir';
import type { MapGeometry } from './featuremap-display';

/** One unit of a node's output: channel (or feature) and cell [y, x]. */
export interface Unit {
  readonly channel: number;
  readonly cell: Pair;
}

/** A node's output as units: C channels of H×W cells, or F features (H = W = 1). */
export interface UnitGrid {
  readonly layout: 'NCHW' | 'NF';
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

/** The unit grid of an output shape without the batch: [C, H, W] or [F]. */
export function unitGrid(outShape: readonly number[]): UnitGrid {
  if (outShape.length === 3) return { layout: 'NCHW', channels: outShape[0], height: outShape[1], width: outShape[2] };
  return { layout: 'NF', channels: outShape.reduce((a, b) => a * b, 1), height: 1, width: 1 };
}

export const sameUnit = (a: Unit | null, b: Unit | null): boolean =>
  a === b || (!!a && !!b && a.channel === b.channel && a.cell[0] === b.cell[0] && a.cell[1] === b.cell[1]);

/** A unit exists in the grid. */
export function inGrid(grid: UnitGrid, u: Unit): boolean {
  const ok = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;
  return ok(u.channel, grid.channels) && ok(u.cell[0], grid.height) && ok(u.cell[1], grid.width);
}

/** A unit's value in a read-back map of batch item 0 (NCHW data, or [N, F]). */
export function unitValue(map: { readonly data: Float32Array }, grid: UnitGrid, u: Unit): number {
  return grid.layout === 'NCHW' ? map.data[(u.channel * grid.height + u.cell[0]) * grid.width + u.cell[1]] : map.data[u.channel];
}

/** The unit shown at `cell` of tile `tile` (null for the empty end of a vector's tile). */
export function tileCellToUnit(grid: UnitGrid, tileGeo: MapGeometry, tile: number, cell: Pair): Unit | null {
  if (grid.layout === 'NCHW') return { channel: tile, cell };
  const f = cell[0] * tileGeo.width + cell[1];
  return f < grid.channels ? { channel: f, cell: [0, 0] } : null;
}

/** Where a unit is drawn: its tile and the cell inside it. */
export function unitToTileCell(grid: UnitGrid, tileGeo: MapGeometry, u: Unit): { tile: number; cell: Pair } {
  if (grid.layout === 'NCHW') return { tile: u.channel, cell: u.cell };
  return { tile: 0, cell: [Math.floor(u.channel / tileGeo.width), u.channel % tileGeo.width] };
}

/** The cell of an h×w tile under a point (px, py) of a box of boxW×boxH CSS pixels, clamped. */
export function cellAtPoint(px: number, py: number, boxW: number, boxH: number, h: number, w: number): Pair {
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, Math.floor(v)));
  return [clamp((py / boxH) * h, h), clamp((px / boxW) * w, w)];
}

/**
 * The cursor after a key, inside an h×w tile whose first `valid` cells (row-major) hold values
 * (all of them for a map, F for a vector's tile): arrows move one cell, Home/End to the row's
 * ends, PageUp/PageDown to the first/last row. Null when the key is not one of these.
 */
export function moveCell(cell: Pair, key: string, h: number, w: number, valid = h * w): Pair | null {
  let [y, x] = cell;
  switch (key) {
    case 'ArrowUp':
      y -= 1;
      break;
    case 'ArrowDown':
      y += 1;
      break;
    case 'ArrowLeft':
      x -= 1;
      break;
    case 'ArrowRight':
      x += 1;
      break;
    case 'Home':
      x = 0;
      break;
    case 'End':
      x = w - 1;
      break;
    case 'PageUp':
      y = 0;
      break;
    case 'PageDown':
      y = h - 1;
      break;
    default:
      return null;
  }
  y = Math.max(0, Math.min(h - 1, y));
  x = Math.max(0, Math.min(w - 1, x));
  // The last row of a vector's tile is partly empty: stay on the last value.
  if (y * w + x >= valid) {
    const last = Math.max(0, valid - 1);
    return [Math.floor(last / w), last % w];
  }
  return [y, x];
}

/** The centre cell of a tile (where the cursor starts). */
export function centreCell(h: number, w: number, valid = h * w): Pair {
  const c: Pair = [Math.floor((h - 1) / 2), Math.floor((w - 1) / 2)];
  return c[0] * w + c[1] < valid ? c : [0, 0];
}

/** The URL form of a cell: "y,x". */
export const formatCell = (c: Pair): string => `${c[0]},${c[1]}`;

export interface ParsedSelection {
  /** The selected channel, when it exists in the layer. */
  readonly channel: number | null;
  /** The selected unit, when channel and cell both exist. */
  readonly unit: Unit | null;
  /** What was wrong with the link's values, in a sentence; null when nothing was. */
  readonly error: string | null;
}

/**
 * The URL's `channel` and `cell` (strings, already matched against their patterns by the schema)
 * checked against a layer: a channel past the layer's, a cell outside its maps, a cell without a
 * channel each get a sentence, and the selection keeps what is valid.
 */
export function parseSelection(channelRaw: string, cellRaw: string, grid: UnitGrid, layer: string): ParsedSelection {
  const what = grid.layout === 'NCHW' ? 'channels' : 'features';
  const ch = channelRaw === '' ? null : Number(channelRaw);
  const cellParts = cellRaw === '' ? null : cellRaw.split(',').map(Number);
  const cell: Pair | null = cellParts && cellParts.length === 2 && cellParts.every(Number.isInteger) ? [cellParts[0], cellParts[1]] : null;
  if (ch === null || !Number.isInteger(ch)) {
    return { channel: null, unit: null, error: cellRaw !== '' ? `"cell" ${cellRaw} needs a "channel" as well; no cell is selected.` : null };
  }
  if (ch < 0 || ch >= grid.channels) {
    return {
      channel: null,
      unit: null,
      error: `"channel" cannot be ${ch}: ${layer} has ${grid.channels} ${what} (0–${grid.channels - 1}); nothing is selected.`,
    };
  }
  if (cellRaw === '') return { channel: ch, unit: null, error: null };
  if (!cell || cell[0] >= grid.height || cell[1] >= grid.width) {
    const size =
      grid.layout === 'NCHW'
        ? `its maps are ${grid.height}×${grid.width} (rows 0–${grid.height - 1}, columns 0–${grid.width - 1})`
        : 'it is a vector, whose only cell is 0,0';
    return {
      channel: ch,
      unit: null,
      error: `"cell" cannot be ${cellRaw} in ${layer}: ${size}; only ${what === 'channels' ? 'channel' : 'feature'} ${ch} is selected.`,
    };
  }
  return { channel: ch, unit: { channel: ch, cell }, error: null };
}
