/**
 * The specs against the real torchvision 0.14 models. Reference data (committed, no Python needed):
 * - reference/torchvision.json: params and MACs at 224 (copied from shared/reference/torchvision.md)
 * - reference/state_dict_keys.json, stage_shapes.json: scripts/py/reference_data.py
 * - reference/digits_counts.json: the digits models built by scripts/py/digits_models.py
 *   (torchvision's classes with documented replacements), params and MACs at 28x28x1
 *
 * Every registered model except the paper-only DenseNet-BC (CIFAR) and MnasNet-A1 is covered:
 * torchvision's by name, the digits ones through digits_models.py.
 */
import { describe, expect, it } from 'vitest';
import tv from './reference/torchvision.json';
import keys from './reference/state_dict_keys.json';
import stages from './reference/stage_shapes.json';
import digits from './reference/digits_counts.json';
import { buildGraph, getModel, MODELS, modelIdsFor } from './registry';
import { graphCost } from './cost';
import { stateDictKeys } from './statedict';
import { moduleOutput } from './graph-utils';
import { parityDenseNetSmall, parityResNeXtSmall } from './parity';
import type { Graph } from './ir';

const refKeys: Record<string, (string | number[])[][]> = keys.models;
const refShapes = stages.models as Record<string, Record<string, Record<string, number[]>>>;
const refCounts = tv.models as Record<string, { params: number; macs: number }>;
const refDigits = digits.models as Record<string, { size: number; input: number[]; params: number; macs: number; bn_momentum: number[] }>;

const TORCHVISION = MODELS.filter((m) => m.torchvision);
const DIGITS = modelIdsFor('digits');

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

  it('covers every registered model but the two no torchvision class builds (paper-only models)', () => {
    const uncovered = MODELS.filter((m) => !(m.id in refKeys)).map((m) => m.id);
    // densenet_bc_100_k12: the CIFAR stem has no norm0/relu0; mnasnet_a1: SE blocks MNASNet lacks.
    expect(uncovered).toEqual(['densenet_bc_100_k12', 'mnasnet_a1']);
    for (const id of uncovered) expect(getModel(id)).toMatchObject({ torchvision: false, dataset: id === 'mnasnet_a1' ? 'imagenet' : 'cifar10' });
  });

  it('registers exactly the digits models of scripts/py/digits_models.py', () => {
    expect([...DIGITS].sort()).toEqual(Object.keys(refDigits).sort());
  });

  it.each(DIGITS)('%s: input, params exact and MACs within 0.1%% at 28x28x1, BatchNorm momentum as in PyTorch', (id) => {
    const ref = refDigits[id];
    const g = buildGraph(id);
    expect([getModel(id).defaultSize, [...g.input]]).toEqual([ref.size, ref.input]);
    const c = graphCost(g).total;
    expect(c.params).toBe(ref.params);
    expect(Math.abs(c.macs - ref.macs) / ref.macs).toBeLessThan(0.001);
    const momenta = [...new Set(g.nodes.flatMap((n) => (n.op.kind === 'bn' ? [n.op.momentum] : [])))].sort((a, b) => a - b);
    expect(momenta).toEqual(ref.bn_momentum);
  });

  it.each([...TORCHVISION.map((m) => m.id), 'densenet_small', 'resnext_small', ...DIGITS])('%s: state_dict keys and shapes in torchvision order', (id) => {
    const ours = stateDictKeys(build(id, DIGITS.includes(id) ? 28 : 224)).map((e) => [e.key, [...e.shape]]);
    expect(ours).toEqual(refKeys[id]);
  });

  // torchvision's models at 224 and 64, the digits models at 28 and 64.
  const shapeCases = Object.entries(refShapes).flatMap(([id, bySize]) => Object.keys(bySize).map((size) => [id, Number(size)] as const));
  it.each(shapeCases)('%s: module output shapes at %i match torchvision forward hooks', (id, size) => {
    const g = build(id, size);
    const expected = refShapes[id][String(size)];
    expect(Object.keys(expected).length).toBeGreaterThan(4);
    for (const [mod, shape] of Object.entries(expected)) {
      const node = moduleOutput(g, mod);
      expect(node, mod).toBeDefined();
      expect([mod, [...node!.outShape]]).toEqual([mod, shape]);
    }
  });

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
