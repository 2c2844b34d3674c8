/**
 * visibleGraph: the network as currently expanded. Top-level groups (stem, stages, head) start
 * collapsed; a group in `expanded` whose ancestors are all expanded shows its children in place
 * (child groups stay collapsed unless expanded too). A group in `expanded` under a collapsed
 * ancestor has no effect until that ancestor opens, so the set can remember inner state.
 */
import { INPUT, type Graph, type Node } from '@/lib/arch';
import type { EdgeKind, Frame, GroupItem, VisibleEdge, VisibleGraph, VisibleItem } from './types';
import { EDGE_KINDS } from './types';
import { groupIndex } from './hierarchy';
import { graphAggregates } from './aggregate';
import { connectionKind, primaryKind, seMembership } from './edge-kind';

export function visibleGraph(graph: Graph, expanded: ReadonlySet<string>): VisibleGraph {
  const gi = groupIndex(graph);
  const agg = graphAggregates(graph);
  const inSe = seMembership(graph);

  // Representative of a group's nodes: the outermost collapsed group on its chain, or null when
  // the whole chain is expanded (the node is shown itself).
  const repOfGroup = new Map<string, string | null>();
  const repGroup = (id: string): string | null => {
    let r = repOfGroup.get(id);
    if (r === undefined) {
      r = (gi.chain.get(id) ?? [id]).find((g) => !expanded.has(g)) ?? null;
      repOfGroup.set(id, r);
    }
    return r;
  };
  const rep = (n: Node): string => (n.group === null ? n.name : (repGroup(n.group) ?? n.name));

  const items: VisibleItem[] = [{ type: 'input', id: INPUT, parent: null, outShape: graph.input }];
  const seen = new Set<string>([INPUT]);
  const byName = new Map<string, Node>();
  for (const n of graph.nodes) {
    byName.set(n.name, n);
    const id = rep(n);
    if (seen.has(id)) continue;
    seen.add(id);
    if (id === n.name) {
      items.push({ type: 'node', id, parent: n.group, node: n, cost: agg.nodeCost.get(n.name)! });
    } else {
      items.push(groupItem(id));
    }
  }

  const frames: Frame[] = [];
  for (const g of graph.groups) {
    const chain = gi.chain.get(g.id) ?? [g.id];
    if (!chain.every((c) => expanded.has(c))) continue;
    const a = agg.groups.get(g.id);
    if (!a) continue;
    frames.push({ id: g.id, group: g, parent: g.parent, depth: chain.length - 1, cost: a.cost, nodeCount: a.nodeCount });
  }

  const edgeAcc = new Map<string, { from: string; to: string; kinds: Set<EdgeKind>; count: number }>();
  for (const n of graph.nodes) {
    const to = rep(n);
    for (const srcName of n.inputs) {
      const src = byName.get(srcName);
      const from = src ? rep(src) : INPUT;
      if (from === to) continue;
      const key = `${from}->${to}`;
      let e = edgeAcc.get(key);
      if (!e) {
        e = { from, to, kinds: new Set(), count: 0 };
        edgeAcc.set(key, e);
      }
      e.kinds.add(connectionKind(src, n, inSe));
      e.count++;
    }
  }
  const edges: VisibleEdge[] = [...edgeAcc].map(([id, e]) => {
    const kinds = EDGE_KINDS.filter((k) => e.kinds.has(k));
    return { id, from: e.from, to: e.to, kind: primaryKind(kinds), kinds, count: e.count };
  });

  return { graphId: graph.id, items, frames, edges };

  function groupItem(id: string): GroupItem {
    const group = gi.byId.get(id)!;
    const a = agg.groups.get(id)!;
    return {
      type: 'group',
      id,
      parent: group.parent,
      group,
      cost: a.cost,
      nodeCount: a.nodeCount,
      nodes: a.nodes,
      inShapes: a.inShapes,
      outShape: a.outShape,
      childGroups: gi.children.get(id)?.length ?? 0,
    };
  }
}
