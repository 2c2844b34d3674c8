import { describe, expect, it } from 'vitest';
import { buildGraph, graphCost, MODEL_IDS } from '@/lib/arch';
import { parseParams } from '@/lib/url-state/schema';
import { labGraph } from './lab-graph';
import { labSchema, type LabState } from './lab-schema';

const stateFor = (id: string, query: string) => parseParams(labSchema(id), new URLSearchParams(query)).state as LabState;

describe('labGraph', () => {
  it('builds the registered model when the URL has no knobs', () => {
    for (const id of ['densenet121', 'resnext50_32x4d', 'shufflenet_v2_x1_0', 'mnasnet_a1', 'densenet_bc_100_k12']) {
      const r = labGraph(id, stateFor(id, ''));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.cost.total).toEqual(graphCost(buildGraph(id)).total);
    }
  });

  it("names the registered model when the knobs are the model's own, and the network otherwise", () => {
    // The runner's "Ran …" line, captions and exports take the graph's id: with the model's own
    // knobs it is the registered id, not the family's generated name for those knobs.
    for (const id of MODEL_IDS) {
      const r = labGraph(id, stateFor(id, ''));
      expect(r.ok && r.graph.id).toBe(id);
    }
    // The model's own value written out in the URL is still the model.
    expect(labGraph('resnext50_32x4d', stateFor('resnext50_32x4d', 'C=32&d=4'))).toMatchObject({ graph: { id: 'resnext50_32x4d' } });
    // Another size is the same network: the id stays.
    expect(labGraph('resnext50_32x4d', stateFor('resnext50_32x4d', 'size=64'))).toMatchObject({ graph: { id: 'resnext50_32x4d' } });
    const changed = labGraph('resnext50_32x4d', stateFor('resnext50_32x4d', 'C=8&d=14'));
    expect(changed.ok && changed.graph.id).not.toBe('resnext50_32x4d');
  });

  it('applies knobs from the URL', () => {
    const r = labGraph('resnext50_32x4d', stateFor('resnext50_32x4d', 'C=8&d=14&size=64'));
    expect(r.ok && r.graph.input).toEqual([3, 64, 64]);
    expect(r.ok && r.cost.total.params).toBe(graphCost(buildGraph('resnext50_32x4d', { size: 64, cardinality: 8, widthPerGroup: 14 })).total.params);
  });

  it('explains an impossible combination instead of throwing', () => {
    const r = labGraph('shufflenet_v2_x1_0', stateFor('shufflenet_v2_x1_0', 'channels=24,117,232,464,1024'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
    const small = labGraph('resnet50', stateFor('resnet50', 'size=32&layers=3,4,6,3'));
    expect(small.ok).toBe(true);
  });

  it('reports a malformed MnasNet block code', () => {
    const r = labGraph('mnasnet1_0', stateFor('mnasnet1_0', 'blocks=sepconv:3:0:none:1:1'));
    expect(r).toEqual({ ok: false, error: 'The block code in the link is invalid: expected 7 blocks separated by "_", found 1.' });
  });
});
