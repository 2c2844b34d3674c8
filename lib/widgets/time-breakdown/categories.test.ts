import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/arch/registry';
import { DISPLAY_OP_KINDS } from '@/lib/lab/op-kind';
import { toLabProfile, totalsByKind } from '@/lib/lab/profile-stats';
import { fakeModelProfile } from '@/lib/lab/testing/fake-profile';
import { categoryOf, totalsByCategory } from './categories';

describe('time-breakdown categories', () => {
  it('puts every display kind in a category', () => {
    for (const k of DISPLAY_OP_KINDS) expect(categoryOf(k)).toBeTruthy();
    expect(categoryOf('conv1x1')).toBe('conv');
    expect(categoryOf('depthwise')).toBe('depthwise');
    expect(categoryOf('data')).toBe('data');
  });

  it('sums a ShuffleNet v2 profile into categories whose shares add up to 1', () => {
    const graph = buildGraph('shufflenet_v2_x1_0', { size: 64 });
    // A fake profile: every layer takes 1 ms, so time shares are layer-count shares.
    const rows = toLabProfile(fakeModelProfile(graph, { ms: () => 1 }), graph).rows;
    const cats = totalsByCategory(totalsByKind(rows));
    expect(cats.map((c) => c.category)).toEqual(['conv', 'depthwise', 'elementwise', 'data', 'other']);
    expect(cats.reduce((s, c) => s + c.msShare, 0)).toBeCloseTo(1, 9);
    expect(cats.reduce((s, c) => s + c.macsShare, 0)).toBeCloseTo(1, 9);
    const data = cats.find((c) => c.category === 'data')!;
    // 16 units: 13 basic units with split (2 slices) + concat + shuffle, 3 stride-2 units with concat + shuffle.
    expect(data.layers).toBe(13 * 4 + 3 * 2);
    expect(data.macs).toBe(0);
    expect(cats.find((c) => c.category === 'conv')!.macsShare).toBeGreaterThan(0.8);
  });
});
