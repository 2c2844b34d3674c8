/**
 * The exported block builders, one paper concept each, built on their own and checked against the
 * same module inside torchvision 0.14 (reference/state_dict_keys.json, from the real models):
 * identical state_dict keys and shapes, hence identical parameter counts; and the roles they set.
 */
import { describe, expect, it } from 'vitest';
import keys from './reference/state_dict_keys.json';
import { GraphBuilder } from './builder';
import { INPUT, type Graph, type GroupRole } from './ir';
import { denseBlock, denseLayer, transition } from './blocks/dense';
import { bottleneck } from './blocks/bottleneck';
import { shuffleUnit } from './blocks/shuffle-unit';
import { mbconv, sepconv, squeezeExcite } from './blocks/mbconv';
import { bottleneckWidth } from './resnext';
import { graphCost } from './cost';
import { stateDictKeys } from './statedict';
import { buildGraph, MODELS } from './registry';

type Entry = [string, number[]];
const refKeys = keys.models as unknown as Record<string, Entry[]>;

/** torchvision entries of the modules under `prefixes` (e.g. `layer2.0.`), in state_dict order. */
const reference = (model: string, ...prefixes: string[]): Entry[] => refKeys[model].filter(([k]) => prefixes.some((p) => k.startsWith(p)));
/** Parameters (weights and biases; BN running statistics are buffers) of state_dict entries. */
const paramsOf = (entries: readonly Entry[]) =>
  entries.filter(([k]) => k.endsWith('.weight') || k.endsWith('.bias')).reduce((s, [, shape]) => s + shape.reduce((a, b) => a * b, 1), 0);

function standalone(input: readonly number[], body: (b: GraphBuilder) => string): Graph {
  const b = new GraphBuilder('block', input);
  return b.build(body(b));
}

const entriesOf = (g: Graph): Entry[] => stateDictKeys(g).map((e) => [e.key, [...e.shape]]);
const roles = (g: Graph): GroupRole[] => [...new Set(g.groups.map((x) => x.role))].sort();

function expectTorchvision(g: Graph, model: string, prefixes: string[], params: number) {
  const ref = reference(model, ...prefixes);
  expect(ref.length).toBeGreaterThan(0);
  expect(entriesOf(g)).toEqual(ref);
  expect(graphCost(g).total.params).toBe(paramsOf(ref));
  // Worked out by hand in each test, so a wrong reference slice cannot pass silently.
  expect(paramsOf(ref)).toBe(params);
}

const DENSE = { growthRate: 32, bnSize: 4, bottleneck: true };

describe('DenseNet blocks (torchvision _DenseLayer, _DenseBlock, _Transition)', () => {
  it('denseLayer = densenet121 features.denseblock1.denselayer1', () => {
    const g = standalone([64, 56, 56], (b) => denseLayer(b, 'features.denseblock1.denselayer1', [INPUT], DENSE));
    // BN(64) 128 + 1×1 64→128 8,192 + BN(128) 256 + 3×3 128→32 36,864.
    expectTorchvision(g, 'densenet121', ['features.denseblock1.denselayer1.'], 45_440);
    expect(g.nodes.at(-1)!.outShape).toEqual([32, 56, 56]);
    expect(roles(g)).toEqual(['dense-layer']);
  });

  it('denseLayer reads the concatenation of every earlier output', () => {
    const g = standalone([16, 32, 32], (b) => {
      const x1 = b.conv('a', INPUT, { outC: 4, k: 1 });
      return denseLayer(b, 'l2', [INPUT, x1], { growthRate: 4, bnSize: 4, bottleneck: false });
    });
    const cat = g.nodes.find((n) => n.op.kind === 'concat')!;
    expect(cat.inputs).toEqual([INPUT, 'a']);
    expect(cat.outShape[0]).toBe(20);
    // Plain DenseNet: BN-ReLU-3×3 only.
    expect(g.nodes.filter((n) => n.op.kind === 'conv').map((n) => n.name)).toEqual(['a', 'l2.conv1']);
  });

  it('denseBlock = densenet121 features.denseblock1 (6 layers, k = 32)', () => {
    const g = standalone([64, 56, 56], (b) => denseBlock(b, 'features.denseblock1', INPUT, { ...DENSE, numLayers: 6 }));
    // Layer ℓ reads 64 + 32(ℓ−1) channels: Σ (2c + 128c + 256 + 36,864) over c = 64, 96, …, 224.
    expectTorchvision(g, 'densenet121', ['features.denseblock1.'], 335_040);
    expect(g.nodes.at(-1)!.outShape).toEqual([64 + 6 * 32, 56, 56]);
    expect(roles(g)).toEqual(['dense-block', 'dense-layer']);
    expect(g.groups.filter((x) => x.role === 'dense-layer')).toHaveLength(6);
  });

  it('transition = densenet121 features.transition1 (256 → 128)', () => {
    const g = standalone([256, 56, 56], (b) => transition(b, 'features.transition1', INPUT, 128));
    // BN(256) 512 + 1×1 256→128 32,768.
    expectTorchvision(g, 'densenet121', ['features.transition1.'], 33_280);
    expect(g.nodes.at(-1)!.outShape).toEqual([128, 28, 28]);
    expect(roles(g)).toEqual(['transition']);
  });
});

describe('bottleneck (torchvision Bottleneck)', () => {
  it('= resnext50_32x4d layer2.0 (C = 32, d = 4, stride 2, projection shortcut)', () => {
    const g = standalone([256, 56, 56], (b) =>
      bottleneck(b, 'layer2.0', INPUT, { planes: 128, width: bottleneckWidth(128, 4, 32), cardinality: 32, stride: 2 }),
    );
    // 1×1 256→256 65,536 + 3×3 g32 256→256 18,432 + 1×1 256→512 131,072 + projection 131,072
    // + BNs 2·(256 + 256 + 512 + 512).
    expectTorchvision(g, 'resnext50_32x4d', ['layer2.0.'], 349_184);
    expect(roles(g)).toEqual(['bottleneck', 'shortcut']);
  });

  it('= resnet50 layer1.1 (C = 1, identity shortcut: no downsample group)', () => {
    const g = standalone([256, 56, 56], (b) => bottleneck(b, 'layer1.1', INPUT, { planes: 64, width: 64, cardinality: 1, stride: 1 }));
    // 256·64 + 64·64·9 + 64·256 + BNs 2·(64 + 64 + 256).
    expectTorchvision(g, 'resnet50', ['layer1.1.'], 70_400);
    expect(roles(g)).toEqual(['bottleneck']);
    expect(g.nodes.find((n) => n.op.kind === 'add')!.inputs).toEqual(['layer1.1.bn3', INPUT]);
  });
});

describe('shuffleUnit (torchvision InvertedResidual)', () => {
  it('stride 2 = shufflenet_v2_x1_0 stage2.0: two branches, no split', () => {
    const g = standalone([24, 56, 56], (b) => shuffleUnit(b, 'stage2.0', INPUT, { outC: 116, stride: 2, splitRatio: 0.5 }));
    // branch1: dw 24·9 + BN 48 + 1×1 24·58 + BN 116 = 1,772; branch2: 1×1 24·58 + BN 116 + dw 58·9 + BN 116
    // + 1×1 58·58 + BN 116 = 5,626.
    expectTorchvision(g, 'shufflenet_v2_x1_0', ['stage2.0.'], 7_398);
    expect(g.nodes.some((n) => n.op.kind === 'slice')).toBe(false);
    expect(g.nodes.at(-1)!.outShape).toEqual([116, 28, 28]);
    expect(roles(g)).toEqual(['branch', 'shuffle-unit']);
  });

  it('stride 1 = shufflenet_v2_x1_0 stage2.1: split, one branch, concat, shuffle', () => {
    const g = standalone([116, 56, 56], (b) => shuffleUnit(b, 'stage2.1', INPUT, { outC: 116, stride: 1, splitRatio: 0.5 }));
    // branch2 on 58 channels: 58·58 + 116 + 58·9 + 116 + 58·58 + 116.
    expectTorchvision(g, 'shufflenet_v2_x1_0', ['stage2.1.'], 7_598);
    const slices = g.nodes.filter((n) => n.op.kind === 'slice').map((n) => n.op);
    expect(slices).toEqual([
      { kind: 'slice', start: 0, size: 58 },
      { kind: 'slice', start: 58, size: 58 },
    ]);
    expect(g.nodes.at(-1)!.op).toEqual({ kind: 'shuffle', groups: 2 });
  });
});

describe('MnasNet layers (torchvision _InvertedResidual)', () => {
  it('mbconv = mnasnet1_0 layers.8.0 (E = 3, 3×3, 16 → 24, stride 2: no residual)', () => {
    const g = standalone([16, 112, 112], (b) => mbconv(b, 'layers.8.0', INPUT, { outC: 24, kernel: 3, stride: 2, se: 0, residual: true, expansion: 3 }));
    // 1×1 16→48 768 + BN 96 + dw 48·9 432 + BN 96 + 1×1 48→24 1,152 + BN 48.
    expectTorchvision(g, 'mnasnet1_0', ['layers.8.0.'], 2_592);
    expect(g.nodes.some((n) => n.op.kind === 'add')).toBe(false);
    expect(roles(g)).toEqual(['mbconv']);
  });

  it('mbconv = mnasnet1_0 layers.8.1 (stride 1, 24 → 24: identity residual)', () => {
    const g = standalone([24, 56, 56], (b) => mbconv(b, 'layers.8.1', INPUT, { outC: 24, kernel: 3, stride: 1, se: 0, residual: true, expansion: 3 }));
    // 1×1 24→72 1,728 + BN 144 + dw 72·9 648 + BN 144 + 1×1 72→24 1,728 + BN 48.
    expectTorchvision(g, 'mnasnet1_0', ['layers.8.1.'], 4_440);
    expect(g.nodes.at(-1)!).toMatchObject({ name: 'layers.8.1.add', inputs: ['layers.8.1.layers.7', INPUT] });
  });

  it('sepconv = mnasnet1_0 layers.3..7 (the first block, inlined into `layers`)', () => {
    let i = 3;
    const g = standalone([32, 112, 112], (b) =>
      sepconv(b, 'block1', INPUT, { outC: 16, kernel: 3, stride: 1, se: 0, residual: false }, { kind: 'stage', names: () => `layers.${i++}` }),
    );
    // dw 32·9 288 + BN 64 + 1×1 32→16 512 + BN 32.
    expectTorchvision(g, 'mnasnet1_0', ['layers.3.', 'layers.4.', 'layers.5.', 'layers.6.', 'layers.7.'], 896);
    expect(g.groups).toEqual([{ id: 'block1', kind: 'stage', role: 'sepconv', label: 'block1', parent: null }]);
  });

  it('squeezeExcite has torchvision.ops.SqueezeExcitation parameters (2·C·r + r + C)', () => {
    const g = standalone([120, 32, 32], (b) => squeezeExcite(b, 'se', INPUT, 8));
    expect(entriesOf(g)).toEqual([
      ['se.fc1.weight', [8, 120, 1, 1]],
      ['se.fc1.bias', [8]],
      ['se.fc2.weight', [120, 8, 1, 1]],
      ['se.fc2.bias', [120]],
    ]);
    expect(graphCost(g).total.params).toBe(2 * 120 * 8 + 8 + 120);
    expect(roles(g)).toEqual(['se']);
  });
});

describe('roles', () => {
  it('every group of every registered model has the role of the block that built it', () => {
    const expected: Record<string, GroupRole[]> = {
      densenet121: ['classifier', 'dense-block', 'dense-layer', 'stem', 'transition'],
      densenet_bc_100_k12: ['classifier', 'dense-block', 'dense-layer', 'stem', 'transition'],
      resnext50_32x4d: ['bottleneck', 'classifier', 'shortcut', 'stage', 'stem'],
      resnet50: ['bottleneck', 'classifier', 'shortcut', 'stage', 'stem'],
      shufflenet_v2_x1_0: ['branch', 'classifier', 'conv', 'shuffle-unit', 'stage', 'stem'],
      mnasnet1_0: ['classifier', 'mbconv', 'sepconv', 'stage', 'stem'],
      mnasnet_a1: ['classifier', 'mbconv', 'se', 'sepconv', 'stage', 'stem'],
    };
    for (const [id, want] of Object.entries(expected)) expect(roles(buildGraph(id, { size: 64 })), id).toEqual(want);
    for (const m of MODELS) for (const grp of buildGraph(m.id, { size: 64 }).groups) expect(grp.role, `${m.id} ${grp.id}`).toBeTruthy();
  });

  it('counts the paper units: 58 dense layers and 3 transitions in DenseNet-121, 16 units in ShuffleNet v2', () => {
    const count = (id: string, role: GroupRole) => buildGraph(id, { size: 64 }).groups.filter((g) => g.role === role).length;
    expect(count('densenet121', 'dense-layer')).toBe(6 + 12 + 24 + 16);
    expect(count('densenet121', 'transition')).toBe(3);
    expect(count('resnext50_32x4d', 'bottleneck')).toBe(3 + 4 + 6 + 3);
    expect(count('shufflenet_v2_x1_0', 'shuffle-unit')).toBe(4 + 8 + 4);
    expect(count('mnasnet1_0', 'mbconv')).toBe(3 + 3 + 3 + 2 + 4 + 1);
  });

  it('comes from the builder, not from the name: a block under any name keeps its role', () => {
    const g = standalone([64, 32, 32], (b) => denseBlock(b, 'zz9', INPUT, { ...DENSE, numLayers: 2 }));
    expect(g.groups.map((x) => [x.id, x.role])).toEqual([
      ['zz9', 'dense-block'],
      ['zz9.denselayer1', 'dense-layer'],
      ['zz9.denselayer2', 'dense-layer'],
    ]);
  });
});
