/** Training layouts: every toTrainLayout is undone by fromTrainLayout, and matches the runtime's forward maps. */
import { describe, expect, it } from 'vitest';
import type { ConvOp, Node } from '../arch/ir';
import { packedFilter } from '../runtime/groupconv';
import { oihwToHwio } from '../runtime/layout';
import { fromTrainLayout, toTrainLayout, trainShape } from './layout';

function convNode(op: Omit<ConvOp, 'kind' | 'bias'>): Node {
  return { name: 'c', op: { kind: 'conv', bias: false, ...op }, inputs: ['input'], inShapes: [], outShape: [], group: null };
}

const CONVS = [
  { inC: 3, outC: 5, groups: 1, kernel: [3, 2], stride: [1, 1], padding: [1, 0] }, // dense
  { inC: 4, outC: 8, groups: 4, kernel: [3, 3], stride: [2, 2], padding: [1, 1] }, // depthwise x2
  { inC: 8, outC: 12, groups: 4, kernel: [3, 3], stride: [1, 1], padding: [1, 1] }, // grouped
] as const;

describe('training layouts', () => {
  for (const c of CONVS) {
    for (const g of ['split', 'packed', 'blockdiag'] as const) {
      it(`conv ${c.inC}->${c.outC} g${c.groups} (${g}) round-trips`, () => {
        const node = convNode(c);
        const n = c.outC * (c.inC / c.groups) * c.kernel[0] * c.kernel[1];
        const w = Float32Array.from({ length: n }, (_, i) => i + 1);
        const t = toTrainLayout(node, 'weight', w, g);
        expect(trainShape(node, 'weight', [c.outC, c.inC / c.groups, ...c.kernel], g).reduce((a, b) => a * b)).toBe(n);
        expect(new Set(t).size).toBe(n); // a permutation
        expect(fromTrainLayout(node, 'weight', t, g)).toEqual(w);
        if (c.groups > 1 && c.groups < c.inC) {
          const ref = g === 'packed' ? packedFilter(c, w) : oihwToHwio(w, c.outC, c.inC / c.groups, c.kernel[0], c.kernel[1]);
          expect(t).toEqual(ref);
        }
      });
    }
  }
  it('linear round-trips; biases and BN tensors stay as they are', () => {
    const node: Node = { name: 'fc', op: { kind: 'linear', inF: 3, outF: 2, bias: true }, inputs: ['x'], inShapes: [], outShape: [], group: null };
    const w = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const t = toTrainLayout(node, 'weight', w, 'split');
    expect([...t]).toEqual([1, 4, 2, 5, 3, 6]);
    expect(fromTrainLayout(node, 'weight', t, 'split')).toEqual(w);
    expect(toTrainLayout(node, 'bias', w, 'split')).toBe(w);
  });
});
