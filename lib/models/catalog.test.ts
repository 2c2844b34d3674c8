import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/arch';
import { modelRows, weightedDepth } from './catalog';

describe('weightedDepth', () => {
  it.each([
    ['resnet50', 50],
    ['resnext50_32x4d', 50],
    ['resnext101_32x8d', 101],
    ['densenet121', 121],
    ['densenet169', 169],
    ['densenet201', 201],
    ['densenet161', 161],
    ['densenet_digits', 28],
    ['resnet_digits', 8],
  ])('%s counts %i weighted layers, as its name says', (id, depth) => {
    expect(weightedDepth(buildGraph(id, { size: 64 }))).toBe(depth);
  });
});

describe('modelRows', () => {
  it('has one row per registered model with FLOPs = 2 x MACs', () => {
    const rows = modelRows();
    expect(rows.length).toBe(23);
    for (const r of rows) expect(r.flops).toBe(2 * r.macs);
    expect(rows.find((r) => r.id === 'resnet50')).toMatchObject({ params: 25_557_032, year: 2016, torchvision: true });
    expect(rows.find((r) => r.id === 'resnet_digits')).toMatchObject({
      params: 460_234,
      size: 28,
      torchvision: false,
      dataset: 'digits',
      input: '28×28 grey, digits',
    });
    expect(rows.find((r) => r.id === 'resnet50')?.input).toBe('224×224 RGB, ImageNet');
  });
});
