/** The cost model on hand-checkable nodes. */
import { describe, expect, it } from 'vitest';
import { nodeCost } from './cost';
import type { Node, Op, Shape } from './ir';
import { windowOut } from './shape';

const node = (op: Op, inShapes: Shape[], outShape: Shape, inputs = inShapes.map((_, i) => `x${i}`)): Node => ({
  name: 'n',
  op,
  inputs,
  inShapes,
  outShape,
  group: null,
});

describe('cost model', () => {
  it('conv: params, MACs (torchvision convention), FLOPs = 2 MACs, memory access', () => {
    const op: Op = { kind: 'conv', inC: 32, outC: 64, kernel: [3, 3], stride: [1, 1], padding: [1, 1], groups: 4, bias: true };
    const c = nodeCost(node(op, [[32, 10, 10]], [64, 10, 10]));
    expect(c.params).toBe(64 * 8 * 9 + 64);
    expect(c.macs).toBe(10 * 10 * 64 * 8 * 9);
    expect(c.flops).toBe(2 * c.macs);
    expect(c.memBytes).toBe(4 * (3200 + 6400 + c.params));
  });
  it('bn: 2C params, running stats read as weights, one op per element', () => {
    const c = nodeCost(node({ kind: 'bn', channels: 8, eps: 1e-5, momentum: 0.1 }, [[8, 4, 4]], [8, 4, 4]));
    expect(c).toEqual({ params: 16, macs: 0, flops: 0, otherOps: 128, memBytes: 4 * (128 + 128 + 32) });
  });
  it('linear, pooling, gap, add, views', () => {
    expect(nodeCost(node({ kind: 'linear', inF: 10, outF: 3, bias: true }, [[10]], [3])).params).toBe(33);
    expect(nodeCost(node({ kind: 'linear', inF: 10, outF: 3, bias: true }, [[10]], [3])).macs).toBe(30);
    expect(nodeCost(node({ kind: 'maxpool', kernel: [3, 3], stride: [2, 2], padding: [1, 1], ceilMode: false }, [[4, 8, 8]], [4, 4, 4])).otherOps).toBe(64 * 9);
    expect(nodeCost(node({ kind: 'gap', keepDims: false }, [[4, 8, 8]], [4])).otherOps).toBe(256);
    expect(
      nodeCost(
        node(
          { kind: 'add' },
          [
            [4, 2, 2],
            [4, 2, 2],
          ],
          [4, 2, 2],
        ),
      ).otherOps,
    ).toBe(16);
    expect(nodeCost(node({ kind: 'slice', start: 0, size: 2 }, [[4, 2, 2]], [2, 2, 2])).memBytes).toBe(0);
    expect(nodeCost(node({ kind: 'shuffle', groups: 2 }, [[4, 2, 2]], [4, 2, 2])).memBytes).toBe(4 * 32);
  });
  it('window sizes follow PyTorch, including ceil_mode', () => {
    expect(windowOut(224, 7, 2, 3)).toBe(112);
    expect(windowOut(112, 3, 2, 1)).toBe(56);
    expect(windowOut(7, 2, 2, 0)).toBe(3);
    expect(windowOut(7, 2, 2, 0, true)).toBe(4);
    expect(windowOut(6, 3, 2, 1, true)).toBe(4);
    expect(windowOut(5, 2, 2, 1, true)).toBe(3); // the last window would start in the padding: dropped
    expect(windowOut(1, 3, 1, 0)).toBe(0);
  });
});
