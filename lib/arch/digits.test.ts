/**
 * The digits members of each family (registry.ts): what the trainer and the lab rely on. Exactness
 * against PyTorch (keys, params, MACs) is in reference.test.ts; this file pins the input contract,
 * the budgets that let them train in the page, the ResNet/ResNeXt complexity pairing and the
 * BatchNorm momentum of every model.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph, DATASETS, getModel, MODELS, modelIdsFor } from './registry';
import { graphCost } from './cost';
import { MNASNET_BN_MOMENTUM } from './mnasnet';
import { TORCH_BN_MOMENTUM } from './builder';
import { convKind } from './conv-kind';

const DIGITS = ['densenet_digits', 'resnext_digits', 'resnet_digits', 'shufflenet_v2_digits', 'mnasnet_digits'];

describe('digits models', () => {
  it('are the five registered digits ids, one per family (ResNet as ResNeXt with C = 1)', () => {
    expect(modelIdsFor('digits')).toEqual(DIGITS);
    expect(new Set(DIGITS.map((id) => getModel(id).family))).toEqual(new Set(['densenet', 'resnext', 'shufflenet_v2', 'mnasnet']));
  });

  it('every model says which data it takes; the lists by dataset cover the registry once', () => {
    for (const m of MODELS) expect(DATASETS).toContain(m.dataset);
    expect(modelIdsFor('cifar10')).toEqual(['densenet_bc_100_k12']);
    expect(modelIdsFor('imagenet')).toContain('resnet50');
    expect(DATASETS.flatMap((d) => modelIdsFor(d)).sort()).toEqual(MODELS.map((m) => m.id).sort());
  });

  it.each(DIGITS)('%s: 28x28x1 in, 10 logits out, ≤ 500k params and ≤ 40M MACs', (id) => {
    const m = getModel(id);
    expect([m.defaultSize, m.torchvision]).toEqual([28, false]);
    const g = buildGraph(id);
    expect(g.input).toEqual([1, 28, 28]);
    expect(g.nodes.find((n) => n.name === g.output)!.outShape).toEqual([10]);
    const first = g.nodes.find((n) => n.op.kind === 'conv')!;
    expect(first.op).toMatchObject({ inC: 1, kernel: [3, 3] });
    // No max pool in a small stem (torchvision's maxpool / pool0 become nn.Identity).
    expect(g.nodes.filter((n) => n.op.kind === 'maxpool')).toEqual([]);
    const c = graphCost(g).total;
    expect(c.params).toBeLessThanOrEqual(500_000);
    expect(c.macs).toBeLessThanOrEqual(40_000_000);
  });

  it('resnet_digits (1x64d) and resnext_digits (32x4d) have the same complexity within 10% (ResNeXt Table 1)', () => {
    const r = graphCost(buildGraph('resnet_digits')).total;
    const x = graphCost(buildGraph('resnext_digits')).total;
    expect(Math.abs(r.params - x.params) / r.params).toBeLessThan(0.1);
    expect(Math.abs(r.macs - x.macs) / r.macs).toBeLessThan(0.1);
    const kinds = (id: string) => new Set(buildGraph(id).nodes.flatMap((n) => (n.op.kind === 'conv' ? [convKind(n.op)] : [])));
    expect(kinds('resnext_digits').has('grouped')).toBe(true);
    expect(kinds('resnet_digits').has('grouped')).toBe(false);
  });

  it('the small stem and input channels are knobs of any family, not names', () => {
    const g = buildGraph('resnet50', { inChannels: 1, stem: 'small', size: 28 });
    expect(g.input).toEqual([1, 28, 28]);
    expect(g.nodes[0]).toMatchObject({ name: 'conv1', op: { inC: 1, kernel: [3, 3], stride: [2, 2] }, outShape: [64, 14, 14] });
    expect(buildGraph('mnasnet_digits', { stem: 'imagenet' }).nodes[0].outShape).toEqual([16, 14, 14]);
  });
});

describe('BatchNorm momentum (PyTorch convention, train mode only)', () => {
  it.each(MODELS.map((m) => m.id))('%s: every BN has its family’s torchvision momentum', (id) => {
    const g = buildGraph(id, { size: 64 });
    const bns = g.nodes.flatMap((n) => (n.op.kind === 'bn' ? [n.op] : []));
    expect(bns.length).toBeGreaterThan(0);
    // torchvision's mnasnet.py: _BN_MOMENTUM = 1 - 0.9997 on every BatchNorm2d; the others keep 0.1.
    const want = getModel(id).family === 'mnasnet' ? MNASNET_BN_MOMENTUM : TORCH_BN_MOMENTUM;
    for (const bn of bns) expect(bn.momentum).toBe(want);
  });
});
