import { describe, expect, it } from 'vitest';
import { convKind, convKindOf } from './conv-kind';
import type { ConvOp } from './ir';
import { buildGraph } from './registry';

const conv = (inC: number, outC: number, groups: number): ConvOp => ({
  kind: 'conv',
  inC,
  outC,
  kernel: [3, 3],
  stride: [1, 1],
  padding: [1, 1],
  groups,
  bias: false,
});

describe('convKind', () => {
  it('dense, grouped and depthwise from the op alone', () => {
    expect(convKind(conv(64, 64, 1))).toBe('dense');
    expect(convKind(conv(1, 8, 1))).toBe('dense');
    expect(convKind(conv(256, 256, 32))).toBe('grouped');
    expect(convKind(conv(8, 8, 2))).toBe('grouped');
    expect(convKind(conv(116, 116, 116))).toBe('depthwise');
    // A channel multiplier (outC = 2·inC) is still one filter per input channel.
    expect(convKind(conv(8, 16, 8))).toBe('depthwise');
    expect(convKindOf({ kind: 'add' })).toBeNull();
  });

  it('classifies the paper convs of the registered models', () => {
    const kindOf = (id: string, name: string) => convKindOf(buildGraph(id, { size: 64 }).nodes.find((n) => n.name === name)!.op);
    expect(kindOf('resnext50_32x4d', 'layer1.0.conv2')).toBe('grouped');
    expect(kindOf('resnet50', 'layer1.0.conv2')).toBe('dense');
    expect(kindOf('shufflenet_v2_x1_0', 'stage2.0.branch2.3')).toBe('depthwise');
    expect(kindOf('mnasnet1_0', 'layers.8.0.layers.3')).toBe('depthwise');
    expect(kindOf('densenet121', 'features.conv0')).toBe('dense');
  });
});
