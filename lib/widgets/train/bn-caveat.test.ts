import { describe, expect, it } from 'vitest';
import { buildGraph, GraphBuilder, INPUT } from '@/lib/arch';
import { MNASNET_BN_MOMENTUM } from '@/lib/arch/mnasnet';
import { slowBatchNorm } from './bn-caveat';
import { DIGITS_MODELS } from './schema';

describe('slowBatchNorm: the BatchNorm caveat, from the graph’s bn ops', () => {
  it('mnasnet_digits at the default 300 steps: momentum 1 - 0.9997, a time constant of about 3,333 steps, torchvision cited', () => {
    const s = slowBatchNorm(buildGraph('mnasnet_digits'), 300)!;
    expect(s.momentum).toBe(MNASNET_BN_MOMENTUM);
    expect(s.timeConstant).toBeCloseTo(3333.3, 0);
    // 1 − 0.9997^300 ≈ 0.086: the running statistics move under a tenth of the way.
    expect(s.moved).toBeCloseTo(1 - Math.pow(0.9997, 300), 12);
    expect(s.moved).toBeLessThan(0.1);
    expect(s.source).toContain('_BN_MOMENTUM = 1 - 0.9997');
    // Still slower than the run at 3,000 steps, not any more at 3,334.
    expect(slowBatchNorm(buildGraph('mnasnet_digits'), 3000)).not.toBeNull();
    expect(slowBatchNorm(buildGraph('mnasnet_digits'), 3334)).toBeNull();
  });

  it.each(DIGITS_MODELS.filter((id) => id !== 'mnasnet_digits'))('%s (momentum 0.1, 10 steps): no caveat from 10 steps on', (id) => {
    const g = buildGraph(id);
    expect(slowBatchNorm(g, 10)).toBeNull();
    expect(slowBatchNorm(g, 300)).toBeNull();
    // A run shorter than the time constant gets it, without a citation (PyTorch's default needs none).
    expect(slowBatchNorm(g, 5)).toMatchObject({ momentum: 0.1, steps: 5, source: null });
  });

  it('reads the momentum from the ops, not the name: any graph with a slow BatchNorm gets it, one without BatchNorm does not', () => {
    // Named like a fast model, built with a slow BatchNorm.
    const b = new GraphBuilder('resnet_digits', [1, 28, 28], { bnMomentum: 0.001 });
    expect(slowBatchNorm(b.build(b.bn('bn1', b.conv('conv1', INPUT, { outC: 4, k: 3 }))), 300)).toMatchObject({
      momentum: 0.001,
      timeConstant: 1000,
      source: null,
    });
    const plain = new GraphBuilder('mnasnet_digits', [1, 28, 28]);
    expect(slowBatchNorm(plain.build(plain.conv('conv1', INPUT, { outC: 4, k: 3 })), 300)).toBeNull();
  });
});
