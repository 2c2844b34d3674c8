import { describe, expect, it } from 'vitest';
import { SpecError, densenet, graphCost, nodesInGroup, nodeCost } from '@/lib/arch';
import { BLOCK_SIZE, denseBlockCost, denseBlockGraph, plainChainCost } from './cost';
import { inputChannels } from './layout';

const base = { L: 5, k: 4, k0: 8, bottleneck: false, theta: 1 };

describe('dense block cost from the spec', () => {
  it('reads the input channels k0 + k(ℓ−1) and the block output k0 + kL from the graph', () => {
    const c = denseBlockCost({ ...base, L: 7, k: 12, k0: 24 });
    expect(c.layers.map((l) => l.inChannels)).toEqual([1, 2, 3, 4, 5, 6, 7].map((l) => inputChannels(l, 24, 12)));
    expect(c.layers.every((l) => l.outChannels === 12)).toBe(true);
    expect(c.blockOut).toBe(24 + 7 * 12);
  });

  it('compresses by ⌊θ·m⌋ in the transition', () => {
    expect(denseBlockCost({ ...base, theta: 0.5 }).transitionOut).toBe(Math.floor(0.5 * 28));
    expect(denseBlockCost({ ...base, theta: 1 }).transitionOut).toBe(28);
    expect(denseBlockCost({ ...base, theta: 0.3 }).transitionOut).toBe(8);
  });

  it('adds the 4k bottleneck with DenseNet-B', () => {
    const c = denseBlockCost({ ...base, bottleneck: true });
    expect(c.layers.every((l) => l.bottleneckChannels === 16)).toBe(true);
  });

  it('sums exactly the spec cost of the block and transition nodes', () => {
    const s = { ...base, bottleneck: true, theta: 0.5 };
    const g = denseBlockGraph(s);
    const sum = (group: string) => nodesInGroup(g, group).reduce((a, n) => a + nodeCost(n).params, 0);
    const c = denseBlockCost(s);
    expect(c.block.params).toBe(sum('features.denseblock1'));
    expect(c.transition.params).toBe(sum('features.transition1'));
    expect(c.layers.reduce((a, l) => a + l.cost.macs, 0)).toBe(c.block.macs);
    // Same block inside a full 3-block CIFAR DenseNet-BC: identical first block.
    const full = densenet(
      { growthRate: 4, blockConfig: [5, 5, 5], initFeatures: 8, bottleneck: true, compression: 0.5, stem: 'cifar', numClasses: 10 },
      BLOCK_SIZE,
    );
    expect(graphCost(full).stages.find((st) => st.group === 'features.denseblock1')!.params).toBe(c.block.params);
  });

  it('matches the hand formula for one plain layer (a check of the test, not a source of numbers)', () => {
    const c = denseBlockCost({ L: 1, k: 4, k0: 8, bottleneck: false, theta: 1 });
    // BN(8): 16 params; 3x3 conv 8->4: 288 weights.
    expect(c.layers[0].cost.params).toBe(16 + 288);
    expect(c.layers[0].cost.macs).toBe(288 * BLOCK_SIZE * BLOCK_SIZE);
  });

  it('throws a SpecError when θ keeps no channel', () => {
    expect(() => denseBlockCost({ ...base, L: 1, k: 1, k0: 1, theta: 0.1 })).toThrow(SpecError);
  });

  it('costs a plain chain of the same depth', () => {
    const c = plainChainCost({ L: 3, k: 4, k0: 8 });
    expect(c.params).toBe(16 + 288 + 2 * (8 + 144));
  });
});
