import { describe, expect, it } from 'vitest';
import {
  allChannelStats,
  channelStats,
  chooseColourScale,
  colourDomain,
  colourLut,
  layerStats,
  mapGeometry,
  parseRgb,
  rasterizeChannel,
  tilePage,
} from './featuremap-display';

const nchw = (c: number, h: number, w: number, f: (c: number, i: number) => number) => {
  const data = new Float32Array(c * h * w);
  for (let k = 0; k < c; k++) for (let i = 0; i < h * w; i++) data[k * h * w + i] = f(k, i);
  return { layout: 'NCHW' as const, shape: [1, c, h, w], data };
};

describe('channel statistics', () => {
  it('computes min, max, mean, std and zero fraction', () => {
    const s = channelStats(new Float32Array([0, 0, 2, 4, 9]), 1, 3); // 0, 2, 4
    expect(s.min).toBe(0);
    expect(s.max).toBe(4);
    expect(s.mean).toBeCloseTo(2);
    expect(s.std).toBeCloseTo(Math.sqrt(8 / 3));
    expect(s.zeroFraction).toBeCloseTo(1 / 3);
    expect(channelStats(new Float32Array(0), 0, 0).mean).toBeNaN();
  });

  it('splits NCHW maps per channel and treats NF vectors as one tile', () => {
    const m = nchw(3, 2, 2, (c) => c);
    const st = allChannelStats(m);
    expect(st.map((s) => s.mean)).toEqual([0, 1, 2]);
    expect(st[0].zeroFraction).toBe(1);
    expect(layerStats(m).max).toBe(2);
    const v = { layout: 'NF' as const, shape: [1, 10], data: Float32Array.from({ length: 10 }, (_, i) => i) };
    expect(mapGeometry(v)).toEqual({ channels: 1, height: 3, width: 4, valuesPerTile: 10 });
    expect(allChannelStats(v)[0].max).toBe(9);
  });
});

describe('colour scales', () => {
  it('uses a diverging scale only when both signs matter', () => {
    expect(chooseColourScale({ min: 0, max: 5 })).toBe('sequential');
    expect(chooseColourScale({ min: -3, max: 5 })).toBe('diverging');
    expect(chooseColourScale({ min: -1e-4, max: 5 })).toBe('sequential');
    expect(chooseColourScale({ min: -5, max: -1 })).toBe('sequential');
  });
  it('makes diverging domains symmetric and guards constant maps', () => {
    expect(colourDomain({ min: -3, max: 5 }, 'diverging')).toEqual([-5, 5]);
    expect(colourDomain({ min: 2, max: 2 }, 'sequential')).toEqual([2, 3]);
    expect(colourDomain({ min: NaN, max: NaN }, 'sequential')).toEqual([0, 1]);
  });
  it('builds LUTs: diverging is blue at the bottom, near-white in the middle, red at the top', () => {
    const lut = colourLut('diverging');
    expect(lut[2]).toBeGreaterThan(lut[0]); // blue > red at 0
    expect(lut[255 * 3]).toBeGreaterThan(lut[255 * 3 + 2]); // red > blue at 255
    expect(Math.min(lut[128 * 3], lut[128 * 3 + 1], lut[128 * 3 + 2])).toBeGreaterThan(200);
    expect(parseRgb('#ff8000')).toEqual([255, 128, 0]);
  });
  it('rasterises a channel through the domain, clamping outliers', () => {
    const m = nchw(2, 1, 3, (c, i) => (c === 1 ? [-10, 0.5, 10][i] : 0));
    const lut = colourLut('sequential');
    const px = rasterizeChannel(m, 1, [0, 1], lut);
    expect(px.length).toBe(12);
    expect([px[0], px[1], px[2]]).toEqual([lut[0], lut[1], lut[2]]);
    expect([px[8], px[9], px[10]]).toEqual([lut[765], lut[766], lut[767]]);
    expect(px[3]).toBe(255);
    // Vector tile: cells past F stay transparent.
    const v = { layout: 'NF' as const, shape: [1, 5], data: new Float32Array(5) };
    const vp = rasterizeChannel(v, 0, [0, 1], lut);
    expect(vp.length).toBe(3 * 2 * 4);
    expect(vp[4 * 5 + 3]).toBe(0);
  });
});

describe('tile paging', () => {
  it('pages channels and clamps the page', () => {
    expect(tilePage(100, 32, 0)).toEqual({ page: 0, pageCount: 4, start: 0, end: 32 });
    expect(tilePage(100, 32, 3)).toEqual({ page: 3, pageCount: 4, start: 96, end: 100 });
    expect(tilePage(100, 32, 99).page).toBe(3);
    expect(tilePage(100, 32, -2).page).toBe(0);
    expect(tilePage(0, 32, 0)).toEqual({ page: 0, pageCount: 1, start: 0, end: 0 });
  });
});
