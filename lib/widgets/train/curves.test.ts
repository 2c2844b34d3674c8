import { describe, expect, it } from 'vitest';
import { CURVE_MARGIN, curveLayout, downsample, smooth } from './curves';
import { throughput } from './throughput';

describe('curve smoothing and layout', () => {
  it('smooths with a debiased moving average that starts at the first value', () => {
    const s = smooth([1, 1, 1], 0.8);
    s.forEach((v) => expect(v).toBeCloseTo(1, 12));
    const t = smooth([0, 10], 0.5);
    expect(t[0]).toBe(0);
    // (0.5·(0.5·0) + 0.5·10) / (1 − 0.25) = 6.667
    expect(t[1]).toBeCloseTo(20 / 3, 10);
    expect(smooth([2, NaN, 2], 0.9)[1]).toBeCloseTo(2, 12);
  });

  it('keeps short series and averages long ones into at most max points', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ x: i + 1, y: i }));
    expect(downsample(pts, 20)).toEqual(pts);
    const d = downsample(pts, 5);
    expect(d).toHaveLength(5);
    expect(d[0]).toEqual({ x: 2, y: 0.5 });
    expect(d.at(-1)).toEqual({ x: 10, y: 8.5 });
  });

  it('maps steps onto a fixed 0..planned-steps axis and accuracy onto 0..1', () => {
    const l = curveLayout({
      series: [
        {
          key: 'a',
          style: 'dots',
          points: [
            { x: 0, y: 0 },
            { x: 50, y: 1 },
          ],
        },
      ],
      width: 300,
      height: 200,
      xMax: 100,
      yDomain: [0, 1],
    });
    expect(l.frame.left).toBe(CURVE_MARGIN.left);
    const [a, b] = l.paths[0].dots;
    expect(a).toEqual({ x: CURVE_MARGIN.left, y: 200 - CURVE_MARGIN.bottom });
    expect(b.x).toBeCloseTo((CURVE_MARGIN.left + 300 - CURVE_MARGIN.right) / 2, 9);
    expect(b.y).toBe(CURVE_MARGIN.top);
    expect(l.paths[0].d).toMatch(/^M/);
    expect(l.xTicks.map((t) => t.value)).toContain(100);
  });
});

describe('training throughput', () => {
  const step = (step: number, ms: number) => ({ step, ms, loss: 1, accuracy: 0.5, lr: 0.1 });
  it('leaves the warm-up step out', () => {
    expect(throughput([step(0, 5000)], 32)).toEqual({ msPerStep: null, imagesPerSecond: null });
    const t = throughput([step(0, 5000), step(1, 100), step(2, 300)], 32);
    expect(t.msPerStep).toBe(200);
    expect(t.imagesPerSecond).toBe(160);
  });
});
