/**
 * The specs against the real torchvision 0.14 models. Reference data (committed, no Python needed):
 * - reference/torchvision.json: params and MACs at 224 (copied from shared/reference/torchvision.md)
 * - reference/state_dict_keys.json, stage_shapes.json: scripts/py/reference_data.py
 */
import { describe, expect, it } from 'vitest';
import tv from './reference/torchvision.json';
import keys from './reference/state_dict_keys.json';
import stages from './reference/stage_shapes.json';
import { buildGraph, getModel, MODELS } from './registry';
import { graphCost } from './cost';
import { stateDictKeys } from './statedict';
import { moduleOutput } from './graph-utils';
import { parityDenseNetSmall, parityResNeXtSmall } from './parity';
import type { Graph } from './ir';

const refKeys: Record<string, (string | number[])[][]> = keys.models;
const refShapes = stages.models as Record<string, Record<string, Record<string, number[]>>>;
const refCounts = tv.models as Record<string, { params: number; macs: number }>;

const TORCHVISION = MODELS.filter((m) => m.torchvision);

const build = (id: string, size: number): Graph =>
  id === 'densenet_small' ? parityDenseNetSmall(size) : id === 'resnext_small' ? parityResNeXtSmall(size) : buildGraph(id, { size });

describe('torchvision reference', () => {
  it('registers exactly the 16 torchvision models of the reference table', () => {
    expect(TORCHVISION.map((m) => m.id).sort()).toEqual(Object.keys(refCounts).sort());
  });

  it.each(TORCHVISION.map((m) => m.id))('%s: params exact, MACs within 0.1%% at 224', (id) => {
    const c = graphCost(buildGraph(id)).total;
    expect(c.params).toBe(refCounts[id].params);
    expect(Math.abs(c.macs - refCounts[id].macs) / refCounts[id].macs).toBeLessThan(0.001);
    expect(c.flops).toBe(2 * c.macs);
  });

  it.each([...TORCHVISION.map((m) => m.id), 'densenet_small', 'resnext_small'])('%s: state_dict keys and shapes in torchvision order', (id) => {
    const ours = stateDictKeys(build(id, 224)).map((e) => [e.key, [...e.shape]]);
    expect(ours).toEqual(refKeys[id]);
  });

  for (const size of [224, 64]) {
    it.each(Object.keys(refShapes))(`%s: module output shapes at ${size} match torchvision forward hooks`, (id) => {
      const g = build(id, size);
      const expected = refShapes[id][String(size)];
      expect(Object.keys(expected).length).toBeGreaterThan(4);
      for (const [mod, shape] of Object.entries(expected)) {
        const node = moduleOutput(g, mod);
        expect(node, mod).toBeDefined();
        expect([mod, [...node!.outShape]]).toEqual([mod, shape]);
      }
    });
  }

  it('resolves the checkpoint module names of the parity fixtures (shared/parity) to nodes', () => {
    const checkpoints: Record<string, string[]> = {
      densenet_small: [
        'features.conv0',
        'features.norm0',
        'features.relu0',
        'features.pool0',
        'features.denseblock1',
        'features.transition1',
        'features.denseblock2',
        'features.transition2',
        'features.denseblock3',
        'features.norm5',
        'classifier',
      ],
      resnext_small: ['conv1', 'bn1', 'relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc'],
      shufflenet_v2_x0_5: ['conv1', 'maxpool', 'stage2', 'stage3', 'stage4', 'conv5', 'fc'],
      mnasnet0_5: [...Array.from({ length: 17 }, (_, i) => `layers.${i}`), 'classifier'],
    };
    for (const [id, names] of Object.entries(checkpoints)) {
      const g = build(id, 64);
      for (const n of names) expect(moduleOutput(g, n), `${id} ${n}`).toBeDefined();
    }
    expect(moduleOutput(parityResNeXtSmall(), 'avgpool')!.outShape).toEqual([2048, 1, 1]);
  });

  it('paper links point at arXiv', () => {
    for (const m of MODELS) expect(getModel(m.id).paper.arxiv).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{5}$/);
  });
});
