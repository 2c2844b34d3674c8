import { describe, expect, it } from 'vitest';
import { FULL_OPACITY_AT, heatColour, heatRgba, heatStops, heatmapPixels, normalise, upsampleBilinear } from './heatmap';

/** Relative luminance (WCAG) of an sRGB colour. */
function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

describe('heat-map colour scale', () => {
  it('rises in lightness monotonically from end to end', () => {
    let prev = -1;
    for (let i = 0; i <= 64; i++) {
      const l = luminance(heatColour(i / 64));
      expect(l).toBeGreaterThan(prev);
      prev = l;
    }
  });

  it('keeps clear of black and white, so both ends read on light and dark pages', () => {
    const lo = luminance(heatColour(0));
    const hi = luminance(heatColour(1));
    expect(lo).toBeGreaterThan(0.005); // not black
    expect(hi).toBeLessThan(0.9); // not white
    // Contrast of the two ends against each other (WCAG ratio) stays large.
    expect((hi + 0.05) / (lo + 0.05)).toBeGreaterThan(8);
  });

  it('clamps out-of-range and NaN values', () => {
    expect(heatColour(-1)).toEqual(heatColour(0));
    expect(heatColour(2)).toEqual(heatColour(1));
    expect(heatColour(NaN)).toEqual(heatColour(0));
    expect(heatRgba(NaN)[3]).toBe(0);
  });

  it('fades in with the value over an image and honours the opacity', () => {
    expect(heatRgba(0, 1)[3]).toBe(0);
    expect(heatRgba(FULL_OPACITY_AT / 2, 1)[3]).toBe(128);
    expect(heatRgba(FULL_OPACITY_AT, 1)[3]).toBe(255);
    expect(heatRgba(1, 0.5)[3]).toBe(128);
    expect(heatRgba(1, 0)[3]).toBe(0);
    expect(heatStops(4)).toHaveLength(5);
    const px = heatmapPixels([0, 1], 2, 1, 1);
    expect([...px.slice(4)]).toEqual(heatRgba(1, 1));
    expect(() => heatmapPixels([0], 2, 1)).toThrow(/2×1 needs 2/);
  });
});

describe('normalise', () => {
  it('scales by the maximum, clamps negatives and NaN to 0, leaves an all-zero map at 0', () => {
    expect([...normalise([0, 1, 2, 4])]).toEqual([0, 0.25, 0.5, 1]);
    expect([...normalise([-1, NaN, 2])]).toEqual([0, 0, 1]);
    expect([...normalise([0, 0])]).toEqual([0, 0]);
    expect([...normalise([-3, -1])]).toEqual([0, 0]);
  });

  it('clips at a quantile', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    v[99] = 1e6;
    const n = normalise(v, { clipQuantile: 0.99 });
    expect(n[98]).toBe(1); // the 99th value is the cap
    expect(n[99]).toBe(1);
    expect(n[48]).toBeCloseTo(49 / 99, 6);
  });
});

describe('upsampleBilinear', () => {
  it('equals PyTorch F.interpolate(bilinear, align_corners=False)', () => {
    // torch.nn.functional.interpolate(torch.tensor([[[[1., 2.], [3., 4.]]]]), size=(4, 4),
    //   mode='bilinear', align_corners=False) (torch 1.13):
    const want = [1.0, 1.25, 1.75, 2.0, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3.0, 3.25, 3.75, 4.0];
    expect([...upsampleBilinear([1, 2, 3, 4], 2, 2, 4, 4)]).toEqual(want);
  });

  it('keeps a constant map constant, a same-size map unchanged, and refuses a wrong size', () => {
    expect([...upsampleBilinear([5, 5, 5, 5, 5, 5], 2, 3, 5, 7)].every((v) => v === 5)).toBe(true);
    const m = [1, 2, 3, 4, 5, 6];
    expect([...upsampleBilinear(m, 2, 3, 2, 3)]).toEqual(m);
    expect(() => upsampleBilinear([1, 2, 3], 2, 2, 4, 4)).toThrow(/2×2 needs 4/);
  });
});
