import { describe, expect, it } from 'vitest';
import { densenetConfigRows } from './rows';

describe('ImageNet DenseNet configurations', () => {
  const rows = densenetConfigRows();
  const by = Object.fromEntries(rows.map((r) => [r.name, r]));

  it('has the paper’s block configurations and growth rates', () => {
    expect(by['DenseNet-121'].blocks).toEqual([6, 12, 24, 16]);
    expect(by['DenseNet-169'].blocks).toEqual([6, 12, 32, 32]);
    expect(by['DenseNet-201'].blocks).toEqual([6, 12, 48, 32]);
    expect(by['DenseNet-264'].blocks).toEqual([6, 12, 64, 48]);
    expect(by['DenseNet-161']).toMatchObject({ growthRate: 48, initFeatures: 96, blocks: [6, 12, 36, 24], inPaper: false });
  });

  it('counts depth like the names (264 is the paper’s name for a 265-layer count)', () => {
    expect(rows.map((r) => r.depth)).toEqual([121, 169, 201, 265, 161]);
  });

  it('matches torchvision’s parameter counts (spec)', () => {
    expect(by['DenseNet-121'].params).toBe(7978856);
    expect(by['DenseNet-161'].params).toBe(28681000);
    expect(by['DenseNet-169'].params).toBe(14149480);
    expect(by['DenseNet-201'].params).toBe(20013928);
    expect(by['DenseNet-121'].macs / 1e9).toBeCloseTo(2.83, 2);
  });

  it('quotes Table 3 only for the models in it', () => {
    expect(by['DenseNet-121'].paper!.top1).toEqual([25.02, 23.61]);
    expect(by['DenseNet-161'].paper).toBeNull();
  });
});
