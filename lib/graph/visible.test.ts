import { describe, expect, it } from 'vitest';
import { graphCost, INPUT, type Graph, type Node } from '@/lib/arch';
import { visibleGraph } from './visible';
import { connectionKind, primaryKind } from './edge-kind';
import { expandAll } from './expand';
import { registered, small } from './fixtures';
import type { EdgeKind, VisibleGraph } from './types';

const ids = (v: VisibleGraph) => v.items.map((i) => i.id);
const kindsOf = (v: VisibleGraph) => new Set(v.edges.map((e) => e.kind));
const edge = (v: VisibleGraph, from: string, to: string) => v.edges.find((e) => e.from === from && e.to === to);

/** Invariants that hold at any expansion. */
function checkInvariants(g: Graph, v: VisibleGraph) {
  // Every IR node is represented exactly once (as itself or inside one collapsed group).
  let covered = 0;
  for (const i of v.items) covered += i.type === 'node' ? 1 : i.type === 'group' ? i.nodeCount : 0;
  expect(covered).toBe(g.nodes.length);
  // Costs add up to the graph total.
  const total = v.items.reduce((s, i) => s + (i.type === 'input' ? 0 : i.cost.macs), 0);
  expect(total).toBe(graphCost(g).total.macs);
  // Edges are deduplicated, go forward in item order, and never loop.
  const order = new Map(ids(v).map((id, k) => [id, k]));
  const keys = new Set<string>();
  for (const e of v.edges) {
    expect(order.get(e.from)!).toBeLessThan(order.get(e.to)!);
    expect(keys.has(`${e.from}->${e.to}`)).toBe(false);
    keys.add(`${e.from}->${e.to}`);
  }
  // Every item but the input has an incoming edge; every frame's group is expanded.
  const targets = new Set(v.edges.map((e) => e.to));
  for (const i of v.items) if (i.id !== INPUT) expect(targets.has(i.id), i.id).toBe(true);
}

describe('visibleGraph', () => {
  it.each(['densenet121', 'resnet50', 'resnext50_32x4d', 'shufflenet_v2_x0_5', 'mnasnet1_0', 'mnasnet_a1'])(
    '%s starts collapsed to its top-level groups',
    (id) => {
      const g = registered(id);
      const v = visibleGraph(g, new Set());
      const top = g.groups.filter((x) => x.parent === null).map((x) => x.id);
      expect(ids(v)).toEqual([INPUT, ...top]);
      expect(v.frames).toEqual([]);
      // A chain: input -> first group -> ... -> last group.
      expect(v.edges.map((e) => [e.from, e.to])).toEqual(
        ids(v)
          .slice(1)
          .map((to, k) => [ids(v)[k], to]),
      );
      checkInvariants(g, v);
    },
  );

  it('expands a group in place, its child groups collapsed', () => {
    const g = registered('resnet50');
    const v = visibleGraph(g, new Set(['layer1']));
    expect(ids(v)).toEqual([INPUT, 'stem', 'layer1.0', 'layer1.1', 'layer1.2', 'layer2', 'layer3', 'layer4', 'head']);
    expect(v.frames.map((f) => [f.id, f.depth])).toEqual([['layer1', 0]]);
    const b0 = v.items[2];
    expect(b0.type === 'group' && b0.parent).toBe('layer1');
    checkInvariants(g, v);
  });

  it('shows nodes directly in an expanded group and keeps nested groups collapsed', () => {
    const g = registered('resnet50');
    const v = visibleGraph(g, new Set(['layer2', 'layer2.0']));
    expect(ids(v).slice(2, 14)).toEqual([
      'layer1',
      'layer2.0.conv1',
      'layer2.0.bn1',
      'layer2.0.relu1',
      'layer2.0.conv2',
      'layer2.0.bn2',
      'layer2.0.relu2',
      'layer2.0.conv3',
      'layer2.0.bn3',
      'layer2.0.downsample',
      'layer2.0.add',
      'layer2.0.relu3',
    ]);
    expect(v.frames.map((f) => f.id)).toEqual(['layer2', 'layer2.0']);
    checkInvariants(g, v);
  });

  it('ignores an expanded group whose ancestor is collapsed (and remembers it)', () => {
    const g = registered('resnet50');
    const inner = visibleGraph(g, new Set(['layer2.0']));
    expect(ids(inner)).toEqual(ids(visibleGraph(g, new Set())));
    const both = visibleGraph(g, new Set(['layer2.0', 'layer2']));
    expect(ids(both)).toContain('layer2.0.conv1');
  });

  it('aggregates a collapsed group: node count, costs, shapes', () => {
    const g = registered('resnet50');
    const v = visibleGraph(g, new Set());
    const l1 = v.items.find((i) => i.id === 'layer1');
    const stage = graphCost(g).stages.find((s) => s.group === 'layer1')!;
    expect(l1?.type).toBe('group');
    if (l1?.type !== 'group') return;
    expect(l1.cost.params).toBe(stage.params);
    expect(l1.cost.macs).toBe(stage.macs);
    expect(l1.nodeCount).toBe(g.nodes.filter((n) => n.name.startsWith('layer1.')).length);
    expect(l1.inShapes).toEqual([[64, 16, 16]]);
    expect(l1.outShape).toEqual([256, 16, 16]);
    expect(l1.childGroups).toBe(3);
  });

  it('fully expanded: every IR node visible, one frame per group', () => {
    for (const g of Object.values(small).map((f) => f())) {
      const v = visibleGraph(g, expandAll(g));
      expect(v.items.filter((i) => i.type === 'node')).toHaveLength(g.nodes.length);
      expect(v.frames).toHaveLength(g.groups.length);
      // Every IR connection is one visible edge.
      expect(v.edges.reduce((s, e) => s + e.count, 0)).toBe(g.nodes.reduce((s, n) => s + n.inputs.length, 0));
      checkInvariants(g, v);
    }
  });
});

describe('edge kinds', () => {
  it('densenet: dense connections are concat edges, also between collapsed layers', () => {
    const g = registered('densenet121');
    const v = visibleGraph(g, new Set(['features.denseblock1']));
    const b = 'features.denseblock1';
    expect(edge(v, `${b}.denselayer1`, `${b}.denselayer3`)?.kind).toBe('concat');
    expect(edge(v, 'stem', `${b}.denselayer6`)?.kind).toBe('concat');
    expect(edge(v, `${b}.denselayer6`, `${b}.concat`)?.kind).toBe('concat');
    // Layer 1 has no concat: the block input feeds its BN directly.
    expect(edge(v, 'stem', `${b}.denselayer1`)?.kind).toBe('seq');
    // Each of the 6 layers feeds every later layer and the block concat: 6·7/2 = 21 edges, + stem's 6.
    expect(v.edges.filter((e) => e.kind === 'concat')).toHaveLength(21 + 6);
    expect(kindsOf(v)).toEqual(new Set<EdgeKind>(['seq', 'concat']));
  });

  it('resnet50: residual connections are add edges', () => {
    const g = registered('resnet50');
    const v = visibleGraph(g, new Set(['layer1', 'layer1.0', 'layer1.1']));
    expect(edge(v, 'layer1.0.bn3', 'layer1.0.add')?.kind).toBe('add');
    expect(edge(v, 'layer1.0.downsample', 'layer1.0.add')?.kind).toBe('add');
    expect(edge(v, 'stem', 'layer1.0.downsample')?.kind).toBe('seq');
    // The identity skip of block 1: relu3 of block 0 straight into block 1's add.
    expect(edge(v, 'layer1.0.relu3', 'layer1.1.add')?.kind).toBe('add');
    // Collapsed block to collapsed block: plain flow (the add shows once the block is open).
    const c = visibleGraph(g, new Set(['layer1']));
    expect(edge(c, 'layer1.0', 'layer1.1')).toMatchObject({ kind: 'seq', kinds: ['seq', 'add'], count: 2 });
  });

  it('shufflenet_v2_x0_5: split and shuffle edges', () => {
    const g = registered('shufflenet_v2_x0_5');
    const v = visibleGraph(g, new Set(['stage2', 'stage2.1', 'stage2.0']));
    expect(edge(v, 'stage2.1.split.0', 'stage2.1.concat')?.kind).toBe('split');
    expect(edge(v, 'stage2.1.split.1', 'stage2.1.branch2')?.kind).toBe('split');
    expect(edge(v, 'stage2.1.concat', 'stage2.1.shuffle')?.kind).toBe('shuffle');
    expect(edge(v, 'stage2.0.shuffle', 'stage2.1.split.0')?.kind).toBe('shuffle');
    expect(edge(v, 'stage2.0.branch1', 'stage2.0.concat')?.kind).toBe('concat');
    expect(edge(v, 'stage2.1.shuffle', 'stage2.2')?.kind).toBe('shuffle');
    expect(kindsOf(v)).toEqual(new Set<EdgeKind>(['seq', 'concat', 'split', 'shuffle']));
  });

  it('mnasnet_a1: squeeze-and-excitation edges', () => {
    const g = registered('mnasnet_a1');
    const blk = 'layers.9.0';
    const se = `${blk}.layers.6`;
    const collapsed = visibleGraph(g, new Set(['layers.9', blk]));
    expect(edge(collapsed, `${blk}.layers.5`, se)?.kind).toBe('se');
    expect(edge(collapsed, se, `${blk}.layers.7`)?.kind).toBe('seq');
    const open = visibleGraph(g, new Set(['layers.9', blk, se]));
    expect(edge(open, `${blk}.layers.5`, `${se}.avgpool`)?.kind).toBe('se');
    expect(edge(open, `${se}.avgpool`, `${se}.fc1`)?.kind).toBe('se');
    expect(edge(open, `${se}.scale_activation`, `${se}.scale`)?.kind).toBe('se');
    // The main path into the channel-wise multiply is part of the SE unit too.
    expect(edge(open, `${blk}.layers.5`, `${se}.scale`)?.kind).toBe('se');
    expect(edge(open, `${se}.scale`, `${blk}.layers.7`)?.kind).toBe('seq');
    // MnasNet-B1 (torchvision) has no SE at all.
    const b1 = registered('mnasnet1_0');
    expect(kindsOf(visibleGraph(b1, expandAll(b1))).has('se')).toBe(false);
  });

  it('comes from op kinds, not names', () => {
    const node = (name: string, kind: 'conv' | 'concat' | 'add' | 'slice' | 'shuffle' | 'mul' | 'bn', group: string | null = null): Node => ({
      name,
      op:
        kind === 'conv'
          ? { kind, inC: 1, outC: 1, kernel: [1, 1], stride: [1, 1], padding: [0, 0], groups: 1, bias: false }
          : kind === 'slice'
            ? { kind, start: 0, size: 1 }
            : kind === 'shuffle'
              ? { kind, groups: 2 }
              : kind === 'bn'
                ? { kind, channels: 1, eps: 1e-5, momentum: 0.1 }
                : { kind },
      inputs: [],
      inShapes: [],
      outShape: [1, 1, 1],
      group,
    });
    const noSe = () => false;
    expect(connectionKind(node('concat', 'conv'), node('add', 'conv'), noSe)).toBe('seq');
    expect(connectionKind(node('conv', 'conv'), node('x', 'concat'), noSe)).toBe('concat');
    expect(connectionKind(node('conv', 'conv'), node('y', 'add'), noSe)).toBe('add');
    expect(connectionKind(node('a', 'slice'), node('b', 'concat'), noSe)).toBe('split');
    expect(connectionKind(node('a', 'shuffle'), node('b', 'slice'), noSe)).toBe('shuffle');
    expect(connectionKind(node('a', 'concat'), node('b', 'shuffle'), noSe)).toBe('shuffle');
    expect(connectionKind(node('a', 'conv'), node('b', 'mul'), noSe)).toBe('se');
    expect(connectionKind(undefined, node('b', 'bn', 'g'), (id) => id === 'g')).toBe('se');
    expect(connectionKind(undefined, node('b', 'conv'), noSe)).toBe('seq');
  });

  it('merged edges keep every kind and draw plain flow first', () => {
    expect(primaryKind(['seq', 'concat'])).toBe('seq');
    expect(primaryKind(['concat', 'split'])).toBe('concat');
    expect(primaryKind(['se'])).toBe('se');
  });
});
