import { describe, expect, it } from 'vitest';
import { LAYER_FIGURE, layerLayout, matrixLayout } from './layout';

describe('grouped convolution figure layout', () => {
  it('joins input and output channels only within a group: cin·cout/G strands', () => {
    for (const [cin, cout, G] of [
      [8, 8, 1],
      [8, 12, 4],
      [12, 12, 12],
      [6, 4, 2],
    ]) {
      const lay = layerLayout({ cin, cout, G });
      expect(lay.strands).toHaveLength((cin * cout) / G);
      for (const s of lay.strands) {
        expect(lay.inputs[s.from].group).toBe(s.group);
        expect(lay.outputs[s.to].group).toBe(s.group);
      }
    }
  });

  it('keeps every tile inside its group’s band, the bands apart, and the figure inside its width', () => {
    const lay = layerLayout({ cin: 12, cout: 6, G: 3 });
    for (const spot of [...lay.inputs, ...lay.outputs]) {
      const band = lay.bands[spot.group];
      expect(spot.x).toBeGreaterThanOrEqual(band.x0 - 1e-9);
      expect(spot.x + lay.tile).toBeLessThanOrEqual(band.x1 + 1e-9);
      expect(spot.x).toBeGreaterThanOrEqual(LAYER_FIGURE.X0 - 1e-9);
      expect(spot.x + lay.tile).toBeLessThanOrEqual(LAYER_FIGURE.X1 + 1e-9);
    }
    for (let g = 1; g < lay.bands.length; g++) expect(lay.bands[g].x0).toBeGreaterThan(lay.bands[g - 1].x1);
    expect(lay.tile).toBeGreaterThan(10);
    expect(lay.outY).toBeGreaterThan(LAYER_FIGURE.IN_Y + lay.tile);
  });

  it('draws the weight as a cout × cin matrix with G diagonal blocks and zeros off them', () => {
    const m = matrixLayout({ cin: 8, cout: 4, G: 2 });
    expect(m.cells).toHaveLength(32);
    expect(m.cells.filter((c) => c.group !== null)).toHaveLength(16);
    expect(m.blocks).toHaveLength(2);
    expect(m.blocks[1]).toMatchObject({ w: 4 * m.cell, h: 2 * m.cell });
    const cell = (o: number, c: number) => m.cells.find((x) => x.out === o && x.in === c)!;
    expect(cell(0, 3).group).toBe(0);
    expect(cell(0, 4).group).toBeNull();
    expect(cell(3, 7).group).toBe(1);
    expect(cell(1, 0).x).toBe(cell(0, 0).x);
    expect(cell(1, 0).y).toBeGreaterThan(cell(0, 0).y);
  });
});
