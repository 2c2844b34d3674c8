import { describe, expect, it } from 'vitest';
import { getModel, modelKnobs, type DenseNetKnobs } from '@/lib/arch';
import { blockSummaries, describeStep, modelProfile } from './profile';
import { PROFILE_MODELS } from './meta';

describe('channel profile from the spec', () => {
  it('DenseNet-121: climbs by 32 per layer and halves at each transition (the saw-tooth)', () => {
    const p = modelProfile('densenet121');
    expect(p.steps.filter((s) => s.kind === 'dense')).toHaveLength(6 + 12 + 24 + 16);
    expect(p.steps.filter((s) => s.kind === 'transition')).toHaveLength(3);
    expect(blockSummaries(p)).toEqual([
      { block: 1, layers: 6, firstIn: 64, lastIn: 224, out: 256, resolution: 56 },
      { block: 2, layers: 12, firstIn: 128, lastIn: 480, out: 512, resolution: 28 },
      { block: 3, layers: 24, firstIn: 256, lastIn: 992, out: 1024, resolution: 14 },
      { block: 4, layers: 16, firstIn: 512, lastIn: 992, out: 1024, resolution: 7 },
    ]);
    expect(p.finalChannels).toBe(1024);
    expect(p.growthRate).toBe(32);
    // Within a block: +k per layer. Across a transition: ×θ.
    for (let i = 1; i < p.steps.length; i++) {
      const [a, b] = [p.steps[i - 1], p.steps[i]];
      if (a.kind === 'dense' && b.kind === 'dense') expect(b.inChannels - a.inChannels).toBe(32);
      if (a.kind === 'transition') expect(b.inChannels).toBe(a.outChannels);
      if (b.kind === 'transition') {
        expect(b.inChannels).toBe(a.inChannels + 32);
        expect(b.outChannels).toBe(b.inChannels / 2);
      }
    }
  });

  it('every ImageNet DenseNet ends with k0 + … channels matching its knobs', () => {
    for (const id of PROFILE_MODELS) {
      const p = modelProfile(id);
      const k = modelKnobs(id) as DenseNetKnobs;
      expect(p.growthRate).toBe(k.growthRate);
      expect(p.steps[0].inChannels).toBe(k.initFeatures);
      expect(p.blocks).toBe(k.blockConfig.length);
      expect(getModel(id).family).toBe('densenet');
    }
    expect(modelProfile('densenet161').finalChannels).toBe(2208);
  });

  it('describes steps in words', () => {
    const p = modelProfile('densenet121');
    expect(describeStep(p.steps[0])).toBe('Dense block 1, layer 1: reads 64 channels at 56×56 and adds 32.');
    expect(describeStep(p.steps[6])).toMatch(/^Transition 1: reads 256 channels at 56×56, keeps 128/);
  });
});
