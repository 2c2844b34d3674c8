import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost } from '@/lib/arch';
import { toLabProfile } from '@/lib/lab/profile-stats';
import type { ModelProfile } from '@/lib/runtime/profiler';
import { fakeModelProfile } from '@/lib/lab/testing/fake-profile';
import { measure, modelLabel, scatterPoints, specCost } from './summary';

describe('cost comparison summary', () => {
  it('takes params and MACs from the spec at the chosen size and at 224', () => {
    const s = specCost('densenet121', 64);
    expect(s.at224.params).toBe(graphCost(buildGraph('densenet121')).total.params);
    expect(s.atSize.params).toBe(s.at224.params);
    expect(s.atSize.macs).toBe(graphCost(buildGraph('densenet121', { size: 64 })).total.macs);
    expect(s.atSize.macs).toBeLessThan(s.at224.macs / 10);
  });

  it('summarises a profile: scatter points, time per kind, zero-MAC share', () => {
    const g = buildGraph('resnext50_32x4d', { size: 32 });
    const base = fakeModelProfile(g, { ms: (_n, i) => (i % 2 ? 1 : 0.5), backend: 'cpu' });
    const profile: ModelProfile = { ...base, wholeMs: 10, wholeSamples: [10] };
    const lab = toLabProfile(profile, g);
    const pts = scatterPoints(lab, 'x');
    expect(pts.length).toBe(g.nodes.filter((n) => n.op.kind === 'conv' || n.op.kind === 'linear').length);
    expect(pts.some((p) => p.kind === 'grouped')).toBe(true);
    const m = measure(lab, 'x');
    expect(m.wholeMs).toBe(10);
    expect(m.kinds.reduce((a, k) => a + k.msShare, 0)).toBeCloseTo(1, 9);
    expect(m.zeroMacShare).toBeGreaterThan(0);
    expect(m.zeroMacShare).toBeLessThan(1);
  });

  it('labels models like the papers', () => {
    expect(modelLabel('densenet121')).toBe('DenseNet-121');
    expect(modelLabel('resnext50_32x4d')).toBe('ResNeXt-50 (32×4d)');
    expect(modelLabel('resnet50')).toBe('ResNet-50');
  });
});
