/**
 * A one-pass index over a graph's group tree. lib/arch's groupChain/nodesInGroup are O(n) per call,
 * which is fine for tables but not for laying out ~700 nodes on every expand/collapse click.
 */
import type { Graph, Group } from '@/lib/arch';

export interface GroupIndex {
  readonly byId: ReadonlyMap<string, Group>;
  /** Child groups of a group (null: top-level groups), in creation order. */
  readonly children: ReadonlyMap<string | null, readonly Group[]>;
  /** Enclosing groups of a group, outermost first, ending with the group itself. */
  readonly chain: ReadonlyMap<string, readonly string[]>;
  /** Index of the first and last IR node (in graph order) inside each group, at any depth. */
  readonly span: ReadonlyMap<string, readonly [number, number]>;
}

const cache = new WeakMap<Graph, GroupIndex>();

/** Memoised per Graph object (graphs are immutable values). */
export function groupIndex(graph: Graph): GroupIndex {
  const hit = cache.get(graph);
  if (hit) return hit;
  const byId = new Map(graph.groups.map((g) => [g.id, g]));
  const children = new Map<string | null, Group[]>();
  for (const g of graph.groups) {
    const list = children.get(g.parent) ?? [];
    list.push(g);
    children.set(g.parent, list);
  }
  const chain = new Map<string, string[]>();
  const chainOf = (id: string): string[] => {
    const known = chain.get(id);
    if (known) return known;
    const g = byId.get(id);
    const c = g && g.parent !== null ? [...chainOf(g.parent), id] : [id];
    chain.set(id, c);
    return c;
  };
  for (const g of graph.groups) chainOf(g.id);
  const span = new Map<string, [number, number]>();
  graph.nodes.forEach((n, i) => {
    if (n.group === null) return;
    for (const id of chainOf(n.group)) {
      const s = span.get(id);
      if (s) s[1] = i;
      else span.set(id, [i, i]);
    }
  });
  const index: GroupIndex = { byId, children, chain, span };
  cache.set(graph, index);
  return index;
}

/** The group and all groups below it, parents first (for "expand everything in this stage"). */
export function descendantGroups(graph: Graph, id: string): string[] {
  const { children } = groupIndex(graph);
  const out: string[] = [];
  const walk = (g: string) => {
    out.push(g);
    for (const c of children.get(g) ?? []) walk(c.id);
  };
  walk(id);
  return out;
}
