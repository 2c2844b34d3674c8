/**
 * Widget logic selects the parts of a network by the roles its builders gave the groups and by op
 * kinds, never by torchvision names: on the same graph with every node and group renamed to
 * nonsense (lib/arch/testing/scramble.ts), each module gives the same answer.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/arch';
import { scrambleNames } from '@/lib/arch/testing/scramble';
import { channelProfile } from './channel-profile/profile';
import { blockCostOf, denseBlockCost, denseBlockGraph, BLOCK_SIZE } from './dense-connectivity/cost';
import { reuseGraph, reuseNodes } from './dense-reuse/block';
import { tableSizes } from './shufflenet-table5/table5';
import { shuffleUnitsGraph, unitPlans } from './channel-shuffle/units';

describe('widget logic on a graph whose names are scrambled', () => {
  it('the scrambled graph keeps no torchvision name', () => {
    const { graph } = scrambleNames(buildGraph('densenet121', { size: 64 }));
    expect(graph.nodes.some((n) => /features|denselayer|norm|conv/.test(n.name))).toBe(false);
    expect(graph.groups.some((g) => /features|dense|Dense/.test(g.id + g.label))).toBe(false);
  });

  it('channel profile (DenseNet-121 and -161)', () => {
    for (const id of ['densenet121', 'densenet161']) {
      const g = buildGraph(id);
      const { graph, original } = scrambleNames(g);
      const p = channelProfile(graph);
      expect(p.steps.map((s) => ({ ...s, node: original(s.node) }))).toEqual(channelProfile(g).steps);
      expect({ ...p, steps: [], graphId: '' }).toEqual({ ...channelProfile(g), steps: [], graphId: '' });
    }
  });

  it('dense-connectivity block and transition costs', () => {
    for (const s of [
      { L: 5, k: 4, k0: 8, bottleneck: false, theta: 1 },
      { L: 3, k: 12, k0: 24, bottleneck: true, theta: 0.5 },
    ]) {
      expect(blockCostOf(scrambleNames(denseBlockGraph(s)).graph, BLOCK_SIZE)).toEqual(denseBlockCost(s));
    }
  });

  it('dense-reuse: the sources and concatenations it captures', () => {
    const g = reuseGraph();
    const { graph, original } = scrambleNames(g);
    const n = reuseNodes(graph);
    expect({ block: original(n.block), sources: n.sources.map(original), reads: n.reads.map(original) }).toEqual(reuseNodes(g));
    expect(reuseNodes(g).sources[0]).toBe('features.pool0');
    const d = buildGraph('densenet_digits');
    const sd = scrambleNames(d);
    expect(reuseNodes(sd.graph, 2).sources.map(sd.original)).toEqual(reuseNodes(d, 2).sources);
  });

  it('ShuffleNet v2 Table 5 output sizes', () => {
    const g = buildGraph('shufflenet_v2_x1_0');
    expect(tableSizes(scrambleNames(g).graph)).toEqual(tableSizes(g));
  });

  it('channel-shuffle unit plans', () => {
    const o = { channels: 12, units: 3, shuffle: true, firstDownsample: true };
    const g = shuffleUnitsGraph(o);
    expect(unitPlans(scrambleNames(g).graph)).toEqual(unitPlans(g));
  });
});
