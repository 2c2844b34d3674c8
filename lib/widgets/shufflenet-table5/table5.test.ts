import { describe, expect, it } from 'vitest';
import { formatMillions as millions } from '@/lib/format';
import { table5, TABLE5_MODELS } from './table5';

describe('ShuffleNet v2 Table 5 from the spec', () => {
  it('output sizes at 224: conv1 112, max pool 56, stages 28, 14, 7, conv5 7 (the paper’s column)', () => {
    expect(table5().sizes).toEqual({ conv1: 112, maxpool: 56, stage2: 28, stage3: 14, stage4: 7, conv5: 7 });
  });

  it('MACs and parameters within the paper’s rounding of its printed numbers', () => {
    const t = table5();
    expect(t.columns.map((c) => c.id)).toEqual(TABLE5_MODELS.map((m) => m.id));
    for (const c of t.columns) {
      // The paper prints FLOPs (multiply-adds) in whole millions and params to 0.1M; 2× is 591M vs 587M in torchvision.
      expect(Math.abs(c.macs / 1e6 - c.paperFlopsM) / c.paperFlopsM).toBeLessThan(0.02);
      expect(Math.abs(c.params / 1e6 - c.paperParamsM)).toBeLessThan(0.11);
    }
    expect(t.columns[1].channels).toEqual([24, 116, 232, 464, 1024]);
    expect(millions(144_907_992)).toBe('144.9M');
  });
});
