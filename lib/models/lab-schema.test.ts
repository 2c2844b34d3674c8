import { describe, expect, it } from 'vitest';
import { parseParams } from '@/lib/url-state/schema';
import { newKey } from '@/lib/train/handoff';
import { labSchema } from './lab-schema';

describe('lab URL schema per dataset', () => {
  it('a digits model takes a test digit and profiles at digit sizes', () => {
    const s = labSchema('densenet_digits');
    expect(s.digit).toMatchObject({ kind: 'int', min: 0, max: 1999, default: 0 });
    expect(s.psize).toMatchObject({ kind: 'enum', values: ['28', '56', '112'], default: '28' });
    expect(s.size).toMatchObject({ default: 28 });
    const { state, notices } = parseParams(s, new URLSearchParams('digit=1234&psize=56'));
    expect(state).toMatchObject({ digit: 1234, psize: '56' });
    expect(notices).toEqual([]);
    const bad = parseParams(s, new URLSearchParams('digit=2000&psize=224'));
    expect(bad.state).toMatchObject({ digit: 0, psize: '28' });
    expect(bad.notices.map((n) => n.param).sort()).toEqual(['digit', 'psize']);
  });

  it('an ImageNet model has no digit parameter and keeps its photo sizes', () => {
    const s = labSchema('resnet50');
    expect(s.digit).toBeUndefined();
    expect(s.psize).toMatchObject({ values: ['64', '112', '160', '224'], default: '112' });
  });

  it('trained= takes a /train key and refuses anything else with a notice', () => {
    const s = labSchema('resnet_digits');
    const key = newKey();
    expect(parseParams(s, new URLSearchParams(`trained=${key}`)).state.trained).toBe(key);
    const bad = parseParams(s, new URLSearchParams('trained=%3Cscript%3E'));
    expect(bad.state.trained).toBe('');
    expect(bad.notices).toHaveLength(1);
    expect(bad.notices[0].param).toBe('trained');
  });

  it('weights=: a digits model starts with its shipped trained weights, an ImageNet model with random ones; a bad value gets a notice', () => {
    const d = labSchema('densenet_digits');
    expect(d.weights).toMatchObject({ kind: 'enum', values: ['trained', 'random', 'file'], default: 'trained' });
    expect(parseParams(d, new URLSearchParams('weights=random')).state.weights).toBe('random');
    const bad = parseParams(d, new URLSearchParams('weights=imagenet'));
    expect(bad.state.weights).toBe('trained');
    expect(bad.notices.map((n) => n.param)).toEqual(['weights']);
    expect(labSchema('resnet50').weights).toMatchObject({ values: ['random', 'file'], default: 'random' });
  });
});
