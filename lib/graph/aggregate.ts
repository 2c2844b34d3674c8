/**
 * Per-group totals (cost, node count, external inputs, output shape), computed once per Graph and
 * reused by every expand/collapse: collapsing never changes what is inside a group.
 */
import { INPUT, nodeCost, sumCosts, ZERO_COST, type Cost, type Graph, type Shape } from '@/lib/arch';
import { groupIndex } from './hierarchy';

export interface GroupAggregate {
  readonly cost: Cost;
  readonly nodeCount: number;
  readonly nodes: readonly string[];
  readonly inShapes: readonly Shape[];
  readonly outShape: Shape;
}

export interface GraphAggregates {
  readonly nodeCost: ReadonlyMap<string, Cost>;
  readonly groups: ReadonlyMap<string, GroupAggregate>;
}

const cache = new WeakMap<Graph, GraphAggregates>();

export function graphAggregates(graph: Graph): GraphAggregates {
  const hit = cache.get(graph);
  if (hit) return hit;
  const { chain, span } = groupIndex(graph);
  const position = new Map<string, number>(graph.nodes.map((n, i) => [n.name, i]));
  position.set(INPUT, -1);
  const costs = new Map<string, Cost>();
  const acc = new Map<string, { cost: Cost; nodes: string[]; ext: Map<string, Shape> }>();
  graph.nodes.forEach((n) => {
    const c = nodeCost(n);
    costs.set(n.name, c);
    if (n.group === null) return;
    for (const g of chain.get(n.group) ?? []) {
      let a = acc.get(g);
      if (!a) {
        a = { cost: ZERO_COST, nodes: [], ext: new Map() };
        acc.set(g, a);
      }
      a.cost = sumCosts(a.cost, c);
      a.nodes.push(n.name);
      const start = span.get(g)?.[0] ?? 0;
      // Groups are contiguous in graph order (the builder emits them in one scope), so an input
      // from before the group's first node comes from outside.
      n.inputs.forEach((src, k) => {
        if ((position.get(src) ?? -1) < start && !a.ext.has(src)) a.ext.set(src, n.inShapes[k]);
      });
    }
  });
  const groups = new Map<string, GroupAggregate>();
  for (const [id, a] of acc) {
    const last = graph.nodes[span.get(id)?.[1] ?? 0];
    groups.set(id, { cost: a.cost, nodeCount: a.nodes.length, nodes: a.nodes, inShapes: [...a.ext.values()], outShape: last.outShape });
  }
  const result: GraphAggregates = { nodeCost: costs, groups };
  cache.set(graph, result);
  return result;
}
