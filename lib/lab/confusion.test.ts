import { describe, expect, it } from 'vitest';
import { classRecall, confusionCells } from './confusion';

describe('confusion heat map', () => {
  const m = [
    [8, 2, 0],
    [0, 10, 0],
    [0, 0, 0],
  ];

  it('shares are per true class; empty cells and rows have no fill', () => {
    const cells = confusionCells(m);
    expect(cells[0].map((c) => c.share)).toEqual([0.8, 0.2, 0]);
    expect(cells[0][2].fill).toBeNull();
    expect(cells[2].every((c) => c.fill === null && c.share === 0)).toBe(true);
    expect(classRecall(m)).toEqual([0.8, 1, 0]);
  });

  it('diagonal and errors get different hues; a full diagonal cell is dark with light text', () => {
    const cells = confusionCells(m);
    expect(cells[0][0].fill).not.toBe(cells[0][1].fill);
    expect(cells[1][1].ink).toBe('light');
    const weak = confusionCells([[1, 99]])[0][0];
    expect(weak.fill).not.toBeNull();
    expect(weak.ink).toBe('dark');
  });
});
