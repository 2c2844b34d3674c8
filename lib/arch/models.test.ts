/** Models outside torchvision, graph invariants, groups, the MnasNet search space. */
import { describe, expect, it } from 'vitest';
import { buildGraph, MODELS } from './registry';
import { graphCost } from './cost';
import { INPUT, type Graph } from './ir';
import { mnasnet, mnasnetFromChoices, sampleMnasArchitecture, buildMnasNet, roundToMultipleOf } from './mnasnet';
import { MNAS_A1_BLOCKS, MNAS_NUM_BLOCKS, mulberry32, sampleMnasBlocks } from './mnasnet-space';
import { densenet } from './densenet';
import { shufflenetV2 } from './shufflenet';
import { groupOutput, nodesInGroup } from './graph-utils';
import { stateDictKeys } from './statedict';

function checkInvariants(g: Graph) {
  const seen = new Set([INPUT]);
  const groups = new Map(g.groups.map((x) => [x.id, x]));
  expect(groups.size).toBe(g.groups.length);
  for (const grp of g.groups) if (grp.parent !== null) expect(groups.has(grp.parent)).toBe(true);
  for (const n of g.nodes) {
    expect(seen.has(n.name), `duplicate ${n.name}`).toBe(false);
    for (const i of n.inputs) expect(seen.has(i), `${n.name} uses ${i} before it is defined`).toBe(true);
    if (n.group !== null) expect(groups.has(n.group)).toBe(true);
    seen.add(n.name);
  }
  expect(g.output).toBe(g.nodes.at(-1)!.name);
}

describe('graph invariants', () => {
  it.each(MODELS.map((m) => m.id))('%s: unique names, topological order, valid groups', (id) => {
    checkInvariants(buildGraph(id));
    checkInvariants(buildGraph(id, { size: 32 }));
  });

  it('nests stage -> block -> layer/branch/se', () => {
    const g = buildGraph('resnext50_32x4d');
    const byId = new Map(g.groups.map((x) => [x.id, x]));
    expect(byId.get('layer1')).toMatchObject({ kind: 'stage', parent: null });
    expect(byId.get('layer1.0')).toMatchObject({ kind: 'block', parent: 'layer1' });
    expect(byId.get('layer1.0.downsample')).toMatchObject({ kind: 'branch', parent: 'layer1.0' });
    expect(g.nodes.find((n) => n.name === 'layer1.0.downsample.0')!.group).toBe('layer1.0.downsample');
    expect(groupOutput(g, 'layer1')!.name).toBe('layer1.2.relu3');
    const a1 = buildGraph('mnasnet_a1');
    expect(a1.groups.find((x) => x.id === 'layers.9.0.layers.6')).toMatchObject({ kind: 'se', parent: 'layers.9.0' });
    const d = buildGraph('densenet121');
    expect(d.groups.find((x) => x.id === 'features.denseblock1.denselayer3')).toMatchObject({ kind: 'layer', parent: 'features.denseblock1' });
    expect(nodesInGroup(d, 'features.transition1').map((n) => n.name)).toEqual([
      'features.transition1.norm',
      'features.transition1.relu',
      'features.transition1.conv',
      'features.transition1.pool',
    ]);
  });

  it('dense layers concatenate all earlier outputs of the block', () => {
    const g = buildGraph('densenet121');
    const cat = g.nodes.find((n) => n.name === 'features.denseblock1.denselayer3.concat')!;
    expect(cat.inputs).toEqual(['features.pool0', 'features.denseblock1.denselayer1.conv2', 'features.denseblock1.denselayer2.conv2']);
    expect(cat.outShape).toEqual([64 + 2 * 32, 56, 56]);
  });

  it('stage subtotals add up to the totals', () => {
    const c = graphCost(buildGraph('shufflenet_v2_x1_0'));
    expect(c.stages.map((s) => s.group)).toEqual(['stem', 'stage2', 'stage3', 'stage4', 'conv5', 'head']);
    expect(c.stages.reduce((a, s) => a + s.params, 0)).toBe(c.total.params);
    expect(c.stages.reduce((a, s) => a + s.macs, 0)).toBe(c.total.macs);
  });
});

describe('DenseNet-BC (L=100, k=12) on CIFAR', () => {
  it('has 769,162 params (paper Table 2: 0.8M) and 32x32 -> 8x8 before pooling', () => {
    const g = buildGraph('densenet_bc_100_k12');
    const c = graphCost(g).total;
    expect(c.params).toBe(769_162);
    expect(Math.abs(c.params - 0.8e6) / 0.8e6).toBeLessThan(0.05);
    expect(g.input).toEqual([3, 32, 32]);
    expect(g.nodes.find((n) => n.name === 'features.norm5')!.outShape).toEqual([342, 8, 8]);
    expect(g.nodes.filter((n) => n.op.kind === 'conv').length).toBe(1 + 3 * 16 * 2 + 2); // L = 100 with the classifier
    expect(g.nodes.find((n) => n.name === 'classifier')!.outShape).toEqual([10]);
  });

  it('DenseNet without bottleneck uses one 3x3 conv per layer', () => {
    const g = densenet({ bottleneck: false, compression: 1, growthRate: 12, blockConfig: [3, 3], initFeatures: 16, stem: 'cifar' }, 32);
    expect(g.nodes.some((n) => n.name.endsWith('conv2'))).toBe(false);
    const conv = g.nodes.find((n) => n.name === 'features.denseblock1.denselayer1.conv1')!;
    expect(conv.op).toMatchObject({ kind: 'conv', kernel: [3, 3], outC: 12 });
    expect(g.nodes.find((n) => n.name === 'features.transition1.conv')!.outShape[0]).toBe(16 + 3 * 12);
  });
});

describe('MnasNet', () => {
  it('mnasnet_a1 is within 3% of the paper (Fig. 7: 3.9M params, 312M MACs)', () => {
    const c = graphCost(buildGraph('mnasnet_a1')).total;
    expect(c.params).toBe(3_887_038);
    expect(c.macs).toBe(311_579_072);
    expect(Math.abs(c.params - 3.9e6) / 3.9e6).toBeLessThan(0.03);
    expect(Math.abs(c.macs - 312e6) / 312e6).toBeLessThan(0.03);
  });

  it('mnasnet_a1 names follow torchvision MNASNet (layers.N.M.layers.I, SE fc1/fc2)', () => {
    const names = stateDictKeys(buildGraph('mnasnet_a1')).map((e) => e.key);
    expect(names.slice(0, 2)).toEqual(['layers.0.weight', 'layers.1.weight']);
    expect(names).toContain('layers.3.weight');
    expect(names).toContain('layers.9.0.layers.6.fc1.weight');
    expect(names).toContain('layers.9.0.layers.6.fc2.bias');
    expect(names).toContain('layers.9.0.layers.7.weight');
    expect(names).toContain('layers.14.weight');
    expect(names.at(-1)).toBe('classifier.1.bias');
    // SE reduces to int(24 * 0.25) = 6 channels from the 72 expanded ones (first layer of block 3).
    const fc1 = buildGraph('mnasnet_a1').nodes.find((n) => n.name === 'layers.9.0.layers.6.fc1')!;
    expect(fc1.op).toMatchObject({ inC: 72, outC: 6, bias: true });
  });

  it('rounds widths like torchvision _round_to_multiple_of', () => {
    expect(roundToMultipleOf(83)).toBe(80);
    expect(roundToMultipleOf(84)).toBe(88);
    expect([32, 16, 24, 40, 80, 96, 192, 320].map((d) => roundToMultipleOf(d * 0.5))).toEqual([16, 8, 16, 24, 40, 48, 96, 160]);
  });

  it('samples deterministically from the search space', () => {
    expect(sampleMnasBlocks(42)).toEqual(sampleMnasBlocks(42));
    expect(sampleMnasBlocks(1)).not.toEqual(sampleMnasBlocks(2));
    expect(mulberry32(7)()).toBe(mulberry32(7)());
    for (let seed = 0; seed < 25; seed++) {
      const k = sampleMnasArchitecture(seed);
      expect(k.blocks.length).toBe(MNAS_NUM_BLOCKS);
      checkInvariants(buildMnasNet(k, 224));
      checkInvariants(buildMnasNet(k, 32));
    }
  });

  it('builds from 7 choices; non-inlined block 1 becomes stack layers.3', () => {
    const g = mnasnetFromChoices(MNAS_A1_BLOCKS.map((b, i) => (i === 0 ? { ...b, op: 'mbconv6' as const, layers: 2, skip: 'identity' as const } : b)));
    expect(g.nodes.some((n) => n.name === 'layers.3.1.layers.0')).toBe(true);
    expect(g.nodes.some((n) => n.name === 'layers.3.1.add')).toBe(true);
    expect(g.nodes.some((n) => n.name === 'layers.10')).toBe(true); // head conv
    const conv = mnasnetFromChoices(MNAS_A1_BLOCKS.map((b) => ({ ...b, op: 'conv' as const })));
    checkInvariants(conv);
    expect(mnasnet({ alpha: 0.5 }).nodes.find((n) => n.name === 'layers.0')!.outShape).toEqual([16, 112, 112]);
  });
});

describe('ShuffleNet v2 split ratio', () => {
  it('keeps round(r*c) channels on the identity branch', () => {
    const g = shufflenetV2({ splitRatio: 0.25 });
    const id = g.nodes.find((n) => n.name === 'stage2.1.split.0')!;
    const b2 = g.nodes.find((n) => n.name === 'stage2.1.branch2.0')!;
    expect(id.outShape[0]).toBe(29);
    expect(b2.op).toMatchObject({ inC: 87, outC: 87 });
    expect(g.nodes.find((n) => n.name === 'stage2.0.branch1.2')!.outShape[0]).toBe(29);
    expect(g.nodes.find((n) => n.name === 'stage2.0.shuffle')!.outShape[0]).toBe(116);
  });
});
