import { scaleLinear, scaleLog } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { axisTicks, plotFrame } from './ticks';

describe('axisTicks', () => {
  it('gives d3 ticks with their pixel positions and labels', () => {
    const s = scaleLinear().domain([0, 10]).range([0, 100]);
    const t = axisTicks(s, { count: 5 });
    expect(t.map((x) => x.value)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(t.map((x) => x.pos)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(t[1].label).toBe('2');
  });

  it('uses a given format', () => {
    const s = scaleLinear().domain([0, 1]).range([0, 10]);
    expect(axisTicks(s, { count: 2, format: (v) => `${v * 100}%` }).map((x) => x.label)).toEqual(['0%', '50%', '100%']);
  });

  it('keeps only decades on a log scale when asked, and drops unlabelled log ticks', () => {
    const s = scaleLog().domain([1, 1e4]).range([0, 400]);
    expect(axisTicks(s, { decades: true }).map((x) => x.value)).toEqual([1, 10, 100, 1000, 10000]);
    const narrow = scaleLog().domain([2, 8]).range([0, 100]);
    expect(axisTicks(narrow, { decades: true }).length).toBeGreaterThan(1);
    const wide = scaleLog().domain([1, 100]).range([0, 400]);
    const labelled = axisTicks(wide, { count: 5, format: wide.tickFormat(5, '~s') });
    expect(labelled.every((x) => x.label !== '')).toBe(true);
    expect(labelled.length).toBeLessThan(wide.ticks(5).length);
  });

  it('builds a plot frame from size and margins', () => {
    expect(plotFrame(500, 300, { top: 10, right: 20, bottom: 40, left: 50 })).toEqual({ left: 50, right: 480, top: 10, bottom: 260 });
  });
});
