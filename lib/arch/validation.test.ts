/** Every knob is validated with a typed SpecError naming the knob, the value and what is valid. */
import { describe, expect, it } from 'vitest';
import { SpecError, type SpecErrorCode } from './errors';
import { buildGraph, getModel } from './registry';
import { densenet } from './densenet';
import { resnext } from './resnext';
import { shufflenetV2 } from './shufflenet';
import { mnasnet } from './mnasnet';
import { MNAS_B1_BLOCKS } from './mnasnet-space';

function specError(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error('expected a SpecError');
}

function expectSpec(fn: () => unknown, code: SpecErrorCode, knob: string, message?: RegExp) {
  const e = specError(fn);
  expect({ code: e.code, knob: e.knob }).toEqual({ code, knob });
  if (message) expect(e.message).toMatch(message);
  return e;
}

describe('registry', () => {
  it('unknown model id lists the valid ids', () => {
    const e = expectSpec(() => getModel('densenet122'), 'unknown_model', 'id', /densenet121, densenet161/);
    expect(e.value).toBe('densenet122');
  });
  it('input size must be an integer in 16..512', () => {
    expectSpec(() => buildGraph('resnet50', { size: 15 }), 'bad_input_size', 'size', /expected an integer in \[16, 512\]/);
    expectSpec(() => buildGraph('resnet50', { size: 513 }), 'bad_input_size', 'size');
    expectSpec(() => buildGraph('resnet50', { size: 100.5 }), 'bad_input_size', 'size');
    expectSpec(() => densenet({}, 15), 'bad_input_size', 'size');
  });
  it('a size the network cannot shrink to names the smallest that works', () => {
    // DenseNet-121 halves 5 times (stem conv, pool0, 3 transitions): 16 pixels vanish in transition3.
    expectSpec(() => buildGraph('densenet121', { size: 16 }), 'size_vanishes', 'size', /an input size >= \d+/);
    expect(buildGraph('densenet_digits').input).toEqual([1, 28, 28]);
  });
  it('unknown knobs are rejected with the list of knobs', () => {
    expectSpec(() => buildGraph('densenet121', { growth: 12 }), 'unknown_knob', 'growth', /growthRate/);
  });
  it('a size that vanishes says which sizes would work', () => {
    // 5 stride-2 stages of DenseNet-BC with 8 blocks: 32 -> 16 -> ... -> 0.
    const e = expectSpec(() => buildGraph('densenet_bc_100_k12', { blockConfig: [1, 1, 1, 1, 1, 1, 1] }), 'size_vanishes', 'size');
    expect(e.message).toMatch(/features\.transition6\.pool/);
    expect(e.expected).toBe('an input size >= 64');
    expect(() => buildGraph('densenet_bc_100_k12', { blockConfig: [1, 1, 1, 1, 1, 1, 1], size: 64 })).not.toThrow();
    expect(e.message).toBe(
      'size: layer features.transition6.pool (kernel 2, stride 2, padding 0) gets a 1x1 input and its output would be 0x0; got 32, expected an input size >= 64',
    );
    // Padded convs never vanish (1x1 stays 1x1), so all-stride-2 MnasNet still builds at 32.
    expect(mnasnet({ strides: [2, 2, 2, 2, 2, 2, 2] }, 32).nodes.at(-1)!.outShape).toEqual([1000]);
  });
});

describe('DenseNet knobs', () => {
  it('growth rate k must be a positive integer', () => {
    expectSpec(() => densenet({ growthRate: 0 }), 'out_of_range', 'growthRate', /growthRate: got 0, expected an integer in \[1, ∞\]/);
    expectSpec(() => densenet({ growthRate: -4 }), 'out_of_range', 'growthRate');
    expectSpec(() => densenet({ growthRate: 1.5 }), 'not_integer', 'growthRate');
  });
  it('block config must be a non-empty list of positive integers', () => {
    expectSpec(() => densenet({ blockConfig: [] }), 'empty', 'blockConfig', /non-empty/);
    expectSpec(() => densenet({ blockConfig: [6, 0, 3] }), 'out_of_range', 'blockConfig[1]');
    expectSpec(() => densenet({ blockConfig: [6, 2.5] }), 'not_integer', 'blockConfig[1]');
  });
  it('compression θ must be in (0, 1]', () => {
    expectSpec(() => densenet({ compression: 0 }), 'out_of_range', 'compression', /expected a number in \(0, 1\]/);
    expectSpec(() => densenet({ compression: 1.2 }), 'out_of_range', 'compression');
    expect(() => densenet({ compression: 1 })).not.toThrow();
    expectSpec(() => densenet({ compression: 0.001, initFeatures: 8, growthRate: 4, blockConfig: [1, 1] }), 'out_of_range', 'compression', /at least 1/);
  });
  it('other knobs', () => {
    expectSpec(() => densenet({ initFeatures: 0 }), 'out_of_range', 'initFeatures');
    expectSpec(() => densenet({ bnSize: 0 }), 'out_of_range', 'bnSize');
    expectSpec(() => densenet({ numClasses: 0 }), 'out_of_range', 'numClasses');
    expectSpec(() => buildGraph('densenet121', { stem: 'tiny' }), 'not_in_set', 'stem', /one of: "imagenet", "cifar"/);
    expectSpec(() => buildGraph('densenet121', { bottleneck: 'yes' }), 'not_in_set', 'bottleneck');
  });
});

describe('ResNeXt knobs', () => {
  it('layers: 1 to 4 positive integers (stages after the list are left out)', () => {
    expectSpec(() => resnext({ layers: [3, 4, 6, 3, 1] }), 'wrong_length', 'layers', /1 to 4 integers/);
    expect(resnext({ layers: [1, 1] }, 64).nodes.at(-1)).toMatchObject({ name: 'fc', inShapes: [[512]] });
    expectSpec(() => resnext({ layers: [] }), 'empty', 'layers');
    expectSpec(() => resnext({ layers: [3, 0, 6, 3] }), 'out_of_range', 'layers[1]');
  });
  it('cardinality and width', () => {
    expectSpec(() => resnext({ cardinality: 0 }), 'out_of_range', 'cardinality');
    expectSpec(() => resnext({ cardinality: 2.5 }), 'not_integer', 'cardinality');
    expectSpec(() => resnext({ widthPerGroup: 0 }), 'out_of_range', 'widthPerGroup');
    expectSpec(() => resnext({ numClasses: -1 }), 'out_of_range', 'numClasses');
  });
});

describe('ShuffleNet v2 knobs', () => {
  it('stage channels must be even (channel shuffle with 2 groups)', () => {
    expectSpec(
      () => shufflenetV2({ stagesOutChannels: [24, 117, 232, 464, 1024] }),
      'groups_not_dividing',
      'stagesOutChannels[1]',
      /2 groups do not divide 117 channels/,
    );
  });
  it('lists and split ratio', () => {
    expectSpec(() => shufflenetV2({ stagesRepeats: [4, 8] }), 'wrong_length', 'stagesRepeats');
    expectSpec(() => shufflenetV2({ stagesOutChannels: [24, 116, 232, 464] }), 'wrong_length', 'stagesOutChannels');
    expectSpec(() => shufflenetV2({ splitRatio: 0 }), 'out_of_range', 'splitRatio');
    expectSpec(() => shufflenetV2({ splitRatio: 1 }), 'out_of_range', 'splitRatio', /\(0, 1\)/);
    expectSpec(() => shufflenetV2({ splitRatio: 0.001 }), 'out_of_range', 'splitRatio', /at least 1 channel/);
  });
});

describe('MnasNet knobs', () => {
  const withBlock = (i: number, patch: object) => MNAS_B1_BLOCKS.map((b, j) => (j === i ? { ...b, ...patch } : b));
  it('alpha in (0, 4]', () => {
    expectSpec(() => mnasnet({ alpha: 0 }), 'out_of_range', 'alpha');
    expectSpec(() => mnasnet({ alpha: 5 }), 'out_of_range', 'alpha');
  });
  it('exactly 7 blocks, each choice validated by name', () => {
    expectSpec(() => mnasnet({ blocks: MNAS_B1_BLOCKS.slice(0, 6) }), 'wrong_length', 'blocks', /exactly 7/);
    expectSpec(() => mnasnet({ blocks: [] }), 'empty', 'blocks');
    expectSpec(() => buildGraph('mnasnet1_0', { blocks: withBlock(2, { op: 'mbconv4' }) }), 'not_in_set', 'blocks[2].op', /"mbconv6"/);
    expectSpec(() => buildGraph('mnasnet1_0', { blocks: withBlock(2, { kernel: 7 }) }), 'not_in_set', 'blocks[2].kernel', /one of: 3, 5/);
    expectSpec(() => buildGraph('mnasnet1_0', { blocks: withBlock(3, { se: 0.5 }) }), 'not_in_set', 'blocks[3].se');
    expectSpec(() => buildGraph('mnasnet1_0', { blocks: withBlock(3, { skip: 'pool' }) }), 'not_in_set', 'blocks[3].skip');
    expectSpec(() => buildGraph('mnasnet1_0', { blocks: withBlock(3, { filterMult: 2 }) }), 'not_in_set', 'blocks[3].filterMult', /0\.75, 1, 1\.25/);
    expectSpec(() => buildGraph('mnasnet1_0', { blocks: withBlock(4, { layers: 0 }) }), 'out_of_range', 'blocks[4].layers');
    expectSpec(() => buildGraph('mnasnet1_0', { blocks: withBlock(4, { layers: 1.5 }) }), 'not_integer', 'blocks[4].layers');
    expectSpec(() => buildGraph('mnasnet1_0', { blocks: withBlock(4, { depth: 1 }) }), 'not_in_set', 'blocks[4] field');
  });
  it('strides are 1 or 2; widths positive integers', () => {
    expectSpec(() => mnasnet({ strides: [1, 2, 3, 2, 1, 2, 1] }), 'not_in_set', 'strides[2]');
    expectSpec(() => mnasnet({ baseWidths: [16, 24, 40, 0, 96, 192, 320] }), 'out_of_range', 'baseWidths[3]');
    expectSpec(() => mnasnet({ dropout: 1.5 }), 'out_of_range', 'dropout');
  });
});
