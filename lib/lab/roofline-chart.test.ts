/** Where the roofline chart puts each step: intensity × attained, copies in the strip, views left out. */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { toLabProfile } from './profile-stats';
import { keyboardOrder, rooflineGeometry } from './roofline-chart';
import { fakeModelProfile } from './testing/fake-profile';

const device = { backend: 'wasm', peakGflops: 40, peakGBps: 8, matmulGflops: 40, convGflops: 30, timer: 'wall' as const, kernels: [], measuredAt: 0 };
const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
const lab = toLabProfile(fakeModelProfile(graph), graph, device);
const roofs = { peakGflops: 40, peakGBps: 8 };

describe('roofline chart geometry', () => {
  const g = rooflineGeometry(lab.rows, roofs);
  it('draws the roofs through the ridge and keeps every point inside the domains', () => {
    expect(g.ridge).toBe(5);
    expect(g.roof[1]).toEqual([5, 40]);
    expect(g.roof[0][1]).toBeCloseTo(g.roof[0][0] * 8, 12);
    expect(g.roof[2][1]).toBe(40);
    for (const d of g.dots) {
      expect(d.x).toBeGreaterThanOrEqual(g.xDomain[0]);
      expect(d.x).toBeLessThanOrEqual(g.xDomain[1]);
      expect(d.y).toBeGreaterThanOrEqual(g.yDomain[0]);
      expect(d.y).toBeLessThanOrEqual(g.yDomain[1]);
    }
  });
  it('puts steps with FLOPs at (intensity, attained) and copies in the strip at their share of the roof', () => {
    const conv = g.dots.find((d) => d.row.op === 'conv')!;
    expect(conv.strip).toBe(false);
    expect(conv.x).toBe(conv.row.intensity);
    expect(conv.y).toBe(conv.row.gflops);
    const shuffle = g.dots.find((d) => d.row.op === 'shuffle')!;
    expect(shuffle.strip).toBe(true);
    expect(shuffle.y).toBeCloseTo(shuffle.row.rooflineFraction * g.xDomain[0] * 8, 9);
    // Every step that moves bytes and has a time has a place; views (flatten: 0 bytes) and untimed steps do not.
    expect(g.omitted).toBe(0);
    const rows = lab.rows.map((r, i) => (i === 0 ? { ...r, bytes: 0, flops: 0, intensity: NaN } : i === 1 ? { ...r, ms: NaN } : r));
    expect(rooflineGeometry(rows, roofs).omitted).toBe(2);
  });
  it('orders points for the keyboard: strip first, then left to right', () => {
    const o = keyboardOrder(g.dots);
    const firstNonStrip = o.findIndex((d) => !d.strip);
    expect(o.slice(0, firstNonStrip).every((d) => d.strip)).toBe(true);
    for (let i = firstNonStrip + 1; i < o.length; i++) expect(o[i].x).toBeGreaterThanOrEqual(o[i - 1].x);
  });
});
