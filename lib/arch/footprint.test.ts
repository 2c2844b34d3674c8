/** The footprint estimator: exact weight bytes, and peak activations checked by hand. */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './builder';
import { graphCost } from './cost';
import { footprint, peakActivations, workspaceElements } from './footprint';
import { buildGraph, MODEL_IDS } from './registry';

function small() {
  const b = new GraphBuilder('small', [3, 32, 32]);
  const c1 = b.conv('conv1', 'input', { outC: 4, k: 3 });
  const r = b.act('relu', c1);
  const c2 = b.conv('conv2', r, { outC: 4, k: 1 });
  const s = b.add('add', { kind: 'add' }, [r, c2]);
  const g = b.gap('gap', s, false);
  return b.build(b.linear('fc', g, 2));
}

describe('footprint', () => {
  it('weight bytes are params × 4 exactly, for every registered model', () => {
    for (const id of MODEL_IDS) {
      const g = buildGraph(id);
      const f = footprint(g);
      expect(f.weightBytes, id).toBe(graphCost(g).total.params * 4);
      expect(f.macs, id).toBe(graphCost(g).total.macs);
      expect(f.residentBytes, id).toBe(2 * f.weightBytes + f.bufferBytes);
    }
    // resnet50: torchvision's 25,557,032 parameters, 4 bytes each.
    expect(footprint(buildGraph('resnet50')).weightBytes).toBe(25_557_032 * 4);
  });

  it('peak activations of a small spec, by hand', () => {
    // input 3·32·32 = 3072 elements lives throughout. At conv1 its output (4·32·32 = 4096) and its
    // im2col matrix (32·32 outputs × 3·3·3 = 27,648) are live with the input: 34,816, the peak.
    // Later the widest cut is at the add: input + relu + conv2 + add = 3072 + 3·4096 = 15,360.
    const g = small();
    expect(workspaceElements(g.nodes[0])).toBe(27_648);
    expect(workspaceElements(g.nodes[2])).toBe(0); // 1×1: a matmul, no im2col
    expect(peakActivations(g)).toEqual({ elements: 34_816, at: 'conv1', largest: 27_648 });
    const f = footprint(g);
    expect(f.peakActivationBytes).toBe(34_816 * 4);
    expect(f.params).toBe(3 * 4 * 9 + 4 * 4 + (4 * 2 + 2));
    expect(f.weightBytes).toBe(134 * 4);
    expect(f.bufferBytes).toBe(0);
  });

  it('grouped convs hold their slices; depthwise convs no im2col', () => {
    const b = new GraphBuilder('g', [8, 32, 32]);
    const grouped = b.conv('grouped', 'input', { outC: 8, k: 3, groups: 2 });
    const dw = b.conv('dw', grouped, { outC: 8, k: 3, groups: 8 });
    const g = b.build(dw);
    expect(workspaceElements(g.nodes[0])).toBe(32 * 32 * 8 * 9 + 8192 + 8192);
    expect(workspaceElements(g.nodes[1])).toBe(0);
  });

  it('BN running statistics count as buffers, not weights', () => {
    const b = new GraphBuilder('bn', [3, 32, 32]);
    const g = b.build(b.bn('bn', b.conv('conv', 'input', { outC: 16, k: 1 })));
    const f = footprint(g);
    expect(f.params).toBe(48 + 32);
    expect(f.bufferBytes).toBe(2 * 16 * 4);
  });

  it('the oversized network of issue 12: 3.6 × 10¹² parameters', () => {
    const f = footprint(buildGraph('resnext50_32x4d', { size: 512, cardinality: 256, widthPerGroup: 512, layers: [64, 64, 64, 64] }));
    expect(f.params).toBeGreaterThan(3.5e12);
    expect(f.params).toBeLessThan(3.7e12);
    expect(f.weightBytes).toBe(f.params * 4);
  });
});
