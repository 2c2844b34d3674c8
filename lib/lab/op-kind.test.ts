import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import type { Node, Op } from '../arch/ir';
import { DISPLAY_OP_KINDS, kindColourVars, opKindOf } from './op-kind';

const conv = (inC: number, outC: number, k: number, groups: number): Op => ({
  kind: 'conv',
  inC,
  outC,
  kernel: [k, k],
  stride: [1, 1],
  padding: [0, 0],
  groups,
  bias: false,
});
const node = (op: Op, name = 'whatever'): Pick<Node, 'op'> & { name: string } => ({ op, name });

describe('opKindOf', () => {
  it('classifies convolutions by kernel and groups', () => {
    expect(opKindOf(node(conv(64, 64, 3, 1)))).toBe('conv');
    expect(opKindOf(node(conv(3, 64, 7, 1)))).toBe('conv');
    expect(opKindOf(node(conv(64, 256, 1, 1)))).toBe('conv1x1');
    expect(opKindOf(node(conv(128, 128, 3, 32)))).toBe('grouped');
    expect(opKindOf(node(conv(128, 128, 1, 4)))).toBe('grouped');
    expect(opKindOf(node(conv(96, 96, 3, 96)))).toBe('depthwise');
    expect(opKindOf(node(conv(32, 64, 5, 32)))).toBe('depthwise'); // channel multiplier 2
    expect(opKindOf(node(conv(1, 8, 3, 1)))).toBe('conv'); // groups == inC == 1 is not depthwise
  });

  it('classifies every other op', () => {
    const cases: Array<[Op, string]> = [
      [{ kind: 'bn', channels: 8, eps: 1e-5, momentum: 0.1 }, 'bn-act'],
      [{ kind: 'act', fn: 'relu' }, 'bn-act'],
      [{ kind: 'act', fn: 'sigmoid' }, 'bn-act'],
      [{ kind: 'add' }, 'add'],
      [{ kind: 'mul' }, 'add'],
      [{ kind: 'concat' }, 'data'],
      [{ kind: 'slice', start: 0, size: 4 }, 'data'],
      [{ kind: 'shuffle', groups: 2 }, 'data'],
      [{ kind: 'maxpool', kernel: [3, 3], stride: [2, 2], padding: [1, 1], ceilMode: false }, 'pool'],
      [{ kind: 'avgpool', kernel: [2, 2], stride: [2, 2], padding: [0, 0], ceilMode: false }, 'pool'],
      [{ kind: 'gap', keepDims: false }, 'pool'],
      [{ kind: 'linear', inF: 8, outF: 2, bias: true }, 'linear'],
      [{ kind: 'flatten' }, 'other'],
      [{ kind: 'dropout', p: 0.2 }, 'other'],
    ];
    for (const [op, want] of cases) expect(opKindOf(node(op))).toBe(want);
  });

  it('ignores names: a 1x1 conv called "depthwise" is still a 1x1 conv', () => {
    expect(opKindOf(node(conv(16, 16, 1, 1), 'features.depthwise.conv'))).toBe('conv1x1');
  });

  it('finds the characteristic kinds in the real models', () => {
    const kinds = (id: string) => new Set(buildGraph(id, { size: 64 }).nodes.map(opKindOf));
    expect(kinds('resnext50_32x4d').has('grouped')).toBe(true);
    expect(kinds('resnet50').has('grouped')).toBe(false);
    expect(kinds('mnasnet0_5').has('depthwise')).toBe(true);
    expect(kinds('shufflenet_v2_x0_5')).toEqual(new Set(['conv', 'conv1x1', 'depthwise', 'bn-act', 'data', 'pool', 'linear']));
    expect(kinds('densenet121').has('data')).toBe(true);
    expect(kinds('mnasnet_a1').has('add')).toBe(true);
  });

  it('has a colour for each kind in both themes', () => {
    for (const t of ['light', 'dark'] as const) {
      const v = kindColourVars(t);
      expect(Object.keys(v)).toHaveLength(DISPLAY_OP_KINDS.length);
      for (const c of Object.values(v)) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});
