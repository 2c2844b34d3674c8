import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { neverConvolved, referenceTrace, shufflePermutation, stepAt, stepCount } from './logic';
import { traceShuffleTf } from './trace-tf';

describe('shufflePermutation', () => {
  it('matches the permutation worked out by hand for 8 channels in 2 groups', () => {
    // view(2, 4): rows [0 1 2 3] and [4 5 6 7]; transpose and flatten reads down the columns.
    expect(shufflePermutation(8)).toEqual([0, 4, 1, 5, 2, 6, 3, 7]);
  });
  it('matches the permutation worked out by hand for 12 channels and for 3 groups', () => {
    expect(shufflePermutation(12)).toEqual([0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11]);
    expect(shufflePermutation(6, 3)).toEqual([0, 2, 4, 1, 3, 5]);
  });
  it('refuses channel counts the groups do not divide', () => {
    expect(() => shufflePermutation(7)).toThrow(RangeError);
  });
});

describe('referenceTrace', () => {
  it('keeps the identity half in place and interleaves it with the branch outputs', () => {
    const t = referenceTrace({ channels: 8, units: 1, shuffle: true, firstDownsample: false });
    const u = t.units[0];
    expect(u.left.map((s) => s.key)).toEqual(['o0', 'o1', 'o2', 'o3']);
    expect(u.right.map((s) => s.key)).toEqual(['u1b0', 'u1b1', 'u1b2', 'u1b3']);
    expect(u.output.map((s) => s.key)).toEqual(['o0', 'u1b0', 'o1', 'u1b1', 'o2', 'u1b2', 'o3', 'u1b3']);
    expect(u.right[0].deps).toEqual([4, 5, 6, 7]);
  });

  it('without the shuffle, half of the channels never meet a convolution', () => {
    const t = referenceTrace({ channels: 8, units: 3, shuffle: false, firstDownsample: false });
    expect(neverConvolved(t)).toEqual([0, 1, 2, 3]);
    // Units 2 and 3 convolve the same half again, so no information crosses between halves.
    expect(t.units[2].right[0].deps).toEqual([4, 5, 6, 7]);
  });

  it('with the shuffle, only the fixed point of the permutation stays untouched for 3 units', () => {
    const t = referenceTrace({ channels: 8, units: 3, shuffle: true, firstDownsample: false });
    expect(neverConvolved(t)).toEqual([0]);
    expect(t.units[2].right[0].deps).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a stride-2 unit feeds every channel to both branches and doubles the channels', () => {
    const t = referenceTrace({ channels: 8, units: 3, shuffle: false, firstDownsample: true });
    expect(t.inputChannels).toBe(4);
    expect(t.units[0].kind).toBe('downsample');
    expect(t.units[0].output).toHaveLength(8);
    expect(neverConvolved(t)).toEqual([]);
  });
});

describe('steps', () => {
  it('maps step numbers to unit and step', () => {
    expect(stepAt(0)).toBeNull();
    expect(stepAt(1)).toEqual({ unit: 1, step: 'split' });
    expect(stepAt(4)).toEqual({ unit: 1, step: 'shuffle' });
    expect(stepAt(5)).toEqual({ unit: 2, step: 'split' });
    expect(stepCount(3)).toBe(12);
  });
});

describe('traceShuffleTf (real tfjs ops)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it.each([
    [8, true, false],
    [8, false, false],
    [12, true, false],
    [16, true, true],
    [8, false, true],
  ])('matches the reference for %i channels, shuffle %s, stride-2 first %s', (channels, shuffle, firstDownsample) => {
    const before = tf.memory().numTensors;
    const o = { channels, units: 3, shuffle, firstDownsample };
    expect(traceShuffleTf(o)).toEqual(referenceTrace(o));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads the hand-computed permutation back from the tensors', () => {
    const t = traceShuffleTf({ channels: 8, units: 1, shuffle: true, firstDownsample: false });
    expect(t.units[0].perm).toEqual([0, 4, 1, 5, 2, 6, 3, 7]);
  });
});
