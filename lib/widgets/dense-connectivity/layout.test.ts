import { describe, expect, it } from 'vitest';
import {
  arcHeight,
  chainBands,
  chainEdges,
  connectionCount,
  denseEdges,
  inputBands,
  inputChannels,
  listNodes,
  readersOf,
  readsOf,
  transitionEdges,
} from './layout';

describe('dense connectivity layout', () => {
  it('counts L(L+1)/2 direct connections and lists each one once', () => {
    for (let L = 1; L <= 12; L++) {
      const edges = denseEdges(L);
      expect(edges).toHaveLength(connectionCount(L));
      expect(edges).toHaveLength((L * (L + 1)) / 2);
      expect(new Set(edges.map((e) => `${e.from}-${e.to}`)).size).toBe(edges.length);
      for (const e of edges) expect(e.from).toBeLessThan(e.to);
    }
    expect(connectionCount(5)).toBe(15);
    expect(connectionCount(12)).toBe(78);
  });

  it('gives layer ℓ exactly ℓ inputs, and the transition all L+1 outputs', () => {
    const L = 6;
    for (let l = 1; l <= L; l++)
      expect(
        denseEdges(L)
          .filter((e) => e.to === l)
          .map((e) => e.from),
      ).toEqual(readsOf(l));
    expect(transitionEdges(L).map((e) => e.from)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(readersOf(2, L)).toEqual([3, 4, 5, 6, 7]);
    expect(readersOf(L, L)).toEqual([L + 1]);
  });

  it('a plain chain has L connections', () => {
    expect(chainEdges(5)).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 3, to: 4 },
      { from: 4, to: 5 },
    ]);
    expect(chainBands(1, 16, 4)).toEqual([{ source: 0, start: 0, size: 16 }]);
    expect(chainBands(3, 16, 4)).toEqual([{ source: 2, start: 0, size: 4 }]);
  });

  it('stacks input bands: k0 from x0, then k per earlier layer, contiguous', () => {
    const k0 = 16;
    const k = 12;
    for (let l = 1; l <= 8; l++) {
      const bands = inputBands(l, k0, k);
      expect(bands.map((b) => b.source)).toEqual(readsOf(l));
      expect(bands[0]).toEqual({ source: 0, start: 0, size: k0 });
      let next = 0;
      for (const b of bands) {
        expect(b.start).toBe(next);
        next += b.size;
      }
      expect(next).toBe(inputChannels(l, k0, k));
      expect(next).toBe(k0 + k * (l - 1));
    }
  });

  it('names nodes and lists them in words', () => {
    expect(listNodes([0, 1, 2], 5)).toBe('x₀, H1 and H2');
    expect(listNodes([6], 5)).toBe('the transition');
    expect(listNodes([], 5)).toBe('nothing');
  });

  it('makes longer arcs taller, up to a cap', () => {
    expect(arcHeight(1, 100)).toBeLessThan(arcHeight(2, 100));
    expect(arcHeight(50, 100)).toBe(100);
  });
});
