import { describe, expect, it } from 'vitest';
import { digitsOfClass, isGridKey, moveInGrid, pageCount, pageOf } from './digit-grid';

const shape = { count: 2000, columns: 10, pageSize: 50 };

describe('the test-digit grid: keys', () => {
  it('arrows move by one cell and one row, and stop at the ends of the list', () => {
    expect(moveInGrid(37, 'ArrowRight', shape)).toBe(38);
    expect(moveInGrid(37, 'ArrowLeft', shape)).toBe(36);
    expect(moveInGrid(37, 'ArrowDown', shape)).toBe(47);
    expect(moveInGrid(37, 'ArrowUp', shape)).toBe(27);
    // Across a page boundary: on to the next page's first cell.
    expect(moveInGrid(49, 'ArrowRight', shape)).toBe(50);
    expect(pageOf(50, 50)).toBe(1);
    expect(moveInGrid(0, 'ArrowLeft', shape)).toBe(0);
    expect(moveInGrid(3, 'ArrowUp', shape)).toBe(3);
    expect(moveInGrid(1999, 'ArrowRight', shape)).toBe(1999);
    expect(moveInGrid(1995, 'ArrowDown', shape)).toBe(1995);
  });

  it('Home/End: the row (Ctrl: the list); PageUp/PageDown: the same cell a page away', () => {
    expect(moveInGrid(37, 'Home', shape)).toBe(30);
    expect(moveInGrid(37, 'End', shape)).toBe(39);
    expect(moveInGrid(37, 'Home', shape, true)).toBe(0);
    expect(moveInGrid(37, 'End', shape, true)).toBe(1999);
    expect(moveInGrid(37, 'PageDown', shape)).toBe(87);
    expect(moveInGrid(37, 'PageUp', shape)).toBe(0);
    expect(moveInGrid(1990, 'PageDown', shape)).toBe(1999);
    // A short last row: End stops at the last digit.
    expect(moveInGrid(191, 'End', { count: 196, columns: 10, pageSize: 50 })).toBe(195);
  });

  it('an empty list stays at 0; other keys are not the grid’s', () => {
    expect(moveInGrid(0, 'ArrowRight', { ...shape, count: 0 })).toBe(0);
    expect(isGridKey('ArrowDown')).toBe(true);
    expect(isGridKey('Enter')).toBe(false);
    expect(isGridKey('Tab')).toBe(false);
    expect(pageCount(2000, 50)).toBe(40);
    expect(pageCount(196, 50)).toBe(4);
    expect(pageCount(0, 50)).toBe(1);
  });

  it('a class filter keeps split order', () => {
    expect(digitsOfClass([1, 4, 4, 0, 4], 4)).toEqual([1, 2, 4]);
    expect(digitsOfClass([1, 4], null)).toEqual([0, 1]);
  });
});
