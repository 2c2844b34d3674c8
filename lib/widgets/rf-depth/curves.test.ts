/** The receptive-field-against-depth curves: from the spec, monotone, and the figures the intro lesson states. */
import { describe, expect, it } from 'vitest';
import { formatCount } from '@/lib/format';
import { describePoint, rfCurve, rfCurves } from './curves';
import { RF_MODELS } from './meta';

describe('rf-depth curves', () => {
  const curves = rfCurves(224);

  it('has one curve per architecture, never shrinking, with MACs growing along it', () => {
    expect(curves.map((c) => c.id)).toEqual([...RF_MODELS]);
    for (const c of curves) {
      expect(c.points.length, c.id).toBeGreaterThan(25);
      for (let i = 1; i < c.points.length; i++) {
        expect(c.points[i].depth, c.id).toBeGreaterThan(c.points[i - 1].depth);
        expect(c.points[i].rf, `${c.id} ${c.points[i].name}`).toBeGreaterThanOrEqual(c.points[i - 1].rf);
        expect(c.points[i].macs, `${c.id} ${c.points[i].name}`).toBeGreaterThan(c.points[i - 1].macs);
      }
    }
  });

  it('gives the figures the intro lesson states (depth as torchvision names count it)', () => {
    const by = Object.fromEntries(curves.map((c) => [c.id, c]));
    const last = (id: string) => by[id].points.at(-1)!;
    expect([last('resnet50').rf, last('resnet50').depth]).toEqual([427, 49]);
    expect(last('resnext50_32x4d').rf).toBe(427);
    expect([last('densenet121').rf, last('densenet121').depth]).toEqual([2071, 120]);
    expect(last('shufflenet_v2_x1_0').rf).toBe(527);
    expect([last('mnasnet1_0').rf, last('mnasnet1_0').depth]).toEqual([843, 52]);
    expect(Object.fromEntries(curves.map((c) => [c.id, c.whole?.depth]))).toEqual({
      densenet121: 36,
      resnext50_32x4d: 36,
      resnet50: 36,
      shufflenet_v2_x1_0: 30,
      mnasnet1_0: 29,
    });
    expect(by.shufflenet_v2_x1_0.whole!.macs).toBeGreaterThan(70e6);
    expect(by.shufflenet_v2_x1_0.whole!.macs).toBeLessThan(80e6);
    expect(by.resnet50.whole!.macs / 1e9).toBeCloseTo(3, 0);
    // ResNet-50 stage 1: each bottleneck's 3×3 at jump 4 adds 8 px; stage 4 (jump 32) adds 64.
    const rn = by.resnet50.points;
    const step = (name: string) => {
      const i = rn.findIndex((p) => p.name === name);
      return rn[i].rf - rn[i - 3].rf;
    };
    expect(step('layer1.2.conv2')).toBe(8);
    expect(step('layer4.2.conv2')).toBe(64);
  });

  it('moves the whole-image point with the input size, and describes a point in words', () => {
    expect(rfCurve('resnet50', 96).whole!.depth).toBeLessThan(36);
    const c = curves[2];
    expect(describePoint(c, c.points[0], formatCount)).toBe('ResNet-50, layer 1 (conv1, conv 7x7/2): receptive field 7×7 px, jump 2, after 118 M MACs');
    expect(describePoint(c, c.points.at(-1)!, formatCount)).toMatch(/427×427 px, the whole image, jump 32/);
  });
});
