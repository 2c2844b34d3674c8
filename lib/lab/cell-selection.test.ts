/** The feature-map view's unit selection (cell-selection.ts): tiles ↔ units, the cursor, the link's values. */
import { describe, expect, it } from 'vitest';
import { parseParams } from '../url-state/schema';
import { labFeatureMapsSchema } from '../widgets/lab-feature-maps/meta';
import { labSchema } from '../models/lab-schema';
import { CELL_PARAM, CHANNEL_PARAM } from './cell-params';
import { mapGeometry } from './featuremap-display';
import { cellAtPoint, centreCell, inGrid, moveCell, parseSelection, sameUnit, tileCellToUnit, unitGrid, unitToTileCell, unitValue } from './cell-selection';

const maps = unitGrid([16, 7, 9]);
const vector = unitGrid([10]);
const vectorTile = mapGeometry({ layout: 'NF', shape: [1, 10] }); // 4 wide, 3 high, 10 values

describe('units and tiles', () => {
  it('a map unit is its tile and cell; a vector feature is a cell of the one tile', () => {
    expect(maps).toEqual({ layout: 'NCHW', channels: 16, height: 7, width: 9 });
    expect(vector).toEqual({ layout: 'NF', channels: 10, height: 1, width: 1 });
    const mapTile = mapGeometry({ layout: 'NCHW', shape: [1, 16, 7, 9] });
    expect(tileCellToUnit(maps, mapTile, 3, [2, 5])).toEqual({ channel: 3, cell: [2, 5] });
    expect(unitToTileCell(maps, mapTile, { channel: 3, cell: [2, 5] })).toEqual({ tile: 3, cell: [2, 5] });
    expect(vectorTile).toMatchObject({ width: 4, height: 3, valuesPerTile: 10 });
    expect(tileCellToUnit(vector, vectorTile, 0, [1, 2])).toEqual({ channel: 6, cell: [0, 0] });
    expect(tileCellToUnit(vector, vectorTile, 0, [2, 3])).toBeNull(); // past feature 9
    expect(unitToTileCell(vector, vectorTile, { channel: 9, cell: [0, 0] })).toEqual({ tile: 0, cell: [2, 1] });
  });

  it('the cell under a pointer, clamped to the tile', () => {
    expect(cellAtPoint(0, 0, 90, 70, 7, 9)).toEqual([0, 0]);
    expect(cellAtPoint(89.9, 69.9, 90, 70, 7, 9)).toEqual([6, 8]);
    expect(cellAtPoint(45, 35, 90, 70, 7, 9)).toEqual([3, 4]);
    expect(cellAtPoint(200, -3, 90, 70, 7, 9)).toEqual([0, 8]);
  });

  it('a unit is in its grid, and its value is read from the NCHW data (or the vector)', () => {
    expect(inGrid(maps, { channel: 15, cell: [6, 8] })).toBe(true);
    expect(inGrid(maps, { channel: 16, cell: [0, 0] })).toBe(false);
    expect(inGrid(maps, { channel: 0, cell: [0, 9] })).toBe(false);
    expect(inGrid(vector, { channel: 9, cell: [0, 0] })).toBe(true);
    expect(inGrid(vector, { channel: 9, cell: [0, 1] })).toBe(false);
    const data = Float32Array.from({ length: 16 * 7 * 9 }, (_, i) => i);
    expect(unitValue({ data }, maps, { channel: 2, cell: [3, 4] })).toBe(2 * 63 + 3 * 9 + 4);
    expect(unitValue({ data: Float32Array.from([5, 6, 7]) }, unitGrid([3]), { channel: 1, cell: [0, 0] })).toBe(6);
  });

  it('sameUnit compares by value', () => {
    expect(sameUnit({ channel: 1, cell: [2, 3] }, { channel: 1, cell: [2, 3] })).toBe(true);
    expect(sameUnit({ channel: 1, cell: [2, 3] }, { channel: 1, cell: [3, 2] })).toBe(false);
    expect(sameUnit(null, null)).toBe(true);
  });
});

describe('the keyboard cursor', () => {
  it('arrows move one cell and stop at the edges; Home/End and PageUp/PageDown jump', () => {
    expect(moveCell([3, 4], 'ArrowUp', 7, 9)).toEqual([2, 4]);
    expect(moveCell([3, 4], 'ArrowRight', 7, 9)).toEqual([3, 5]);
    expect(moveCell([0, 0], 'ArrowUp', 7, 9)).toEqual([0, 0]);
    expect(moveCell([6, 8], 'ArrowRight', 7, 9)).toEqual([6, 8]);
    expect(moveCell([3, 4], 'Home', 7, 9)).toEqual([3, 0]);
    expect(moveCell([3, 4], 'End', 7, 9)).toEqual([3, 8]);
    expect(moveCell([3, 4], 'PageUp', 7, 9)).toEqual([0, 4]);
    expect(moveCell([3, 4], 'PageDown', 7, 9)).toEqual([6, 4]);
    expect(moveCell([3, 4], 'a', 7, 9)).toBeNull();
  });

  it("stays on a vector tile's values", () => {
    expect(moveCell([1, 3], 'ArrowDown', 3, 4, 10)).toEqual([2, 1]);
    expect(moveCell([2, 0], 'End', 3, 4, 10)).toEqual([2, 1]);
    expect(centreCell(3, 4, 10)).toEqual([1, 1]);
    expect(centreCell(1, 1)).toEqual([0, 0]);
  });
});

describe("the link's channel and cell", () => {
  it('both declared once, for the lab and its feature-map embed', () => {
    expect(labFeatureMapsSchema.channel).toBe(CHANNEL_PARAM);
    expect(labFeatureMapsSchema.cell).toBe(CELL_PARAM);
    const lab = labSchema('resnet50');
    expect(lab.channel).toBe(CHANNEL_PARAM);
    expect(lab.cell).toBe(CELL_PARAM);
  });

  it('the schema refuses malformed values with a notice', () => {
    const { state, notices } = parseParams(labFeatureMapsSchema, new URLSearchParams('channel=-3&cell=1;2'));
    expect(state.channel).toBe('');
    expect(state.cell).toBe('');
    expect(notices.map((n) => n.param)).toEqual(['channel', 'cell']);
    expect(notices[1].message).toMatch(/row,column/);
  });

  it('valid values select the unit', () => {
    expect(parseSelection('3', '2,5', maps, 'layer1')).toEqual({ channel: 3, unit: { channel: 3, cell: [2, 5] }, error: null });
    expect(parseSelection('3', '', maps, 'layer1')).toEqual({ channel: 3, unit: null, error: null });
    expect(parseSelection('', '', maps, 'layer1')).toEqual({ channel: null, unit: null, error: null });
    expect(parseSelection('9', '0,0', vector, 'fc')).toEqual({ channel: 9, unit: { channel: 9, cell: [0, 0] }, error: null });
  });

  it('values the layer does not have get a sentence and keep what is valid', () => {
    const far = parseSelection('16', '0,0', maps, 'layer1');
    expect(far).toMatchObject({ channel: null, unit: null });
    expect(far.error).toBe('"channel" cannot be 16: layer1 has 16 channels (0–15); nothing is selected.');
    const out = parseSelection('2', '7,0', maps, 'layer1');
    expect(out).toMatchObject({ channel: 2, unit: null });
    expect(out.error).toBe('"cell" cannot be 7,0 in layer1: its maps are 7×9 (rows 0–6, columns 0–8); only channel 2 is selected.');
    expect(parseSelection('2', '0,1', vector, 'fc').error).toMatch(/vector, whose only cell is 0,0; only feature 2/);
    expect(parseSelection('', '1,1', maps, 'layer1')).toEqual({
      channel: null,
      unit: null,
      error: '"cell" 1,1 needs a "channel" as well; no cell is selected.',
    });
  });
});
