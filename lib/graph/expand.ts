/** Pure helpers for the `expanded` set the page keeps in state. */
import type { Graph } from '@/lib/arch';
import { descendantGroups } from './hierarchy';

/** A new set with `id` toggled. */
export function toggleExpanded(expanded: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(expanded);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** A new set with `ids` all added (expand = true) or all removed. */
export function setExpanded(expanded: ReadonlySet<string>, ids: Iterable<string>, expand: boolean): Set<string> {
  const next = new Set(expanded);
  for (const id of ids) {
    if (expand) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** The group and everything inside it expanded (e.g. "expand all" on a stage). */
export function expandSubtree(graph: Graph, expanded: ReadonlySet<string>, id: string): Set<string> {
  return setExpanded(expanded, descendantGroups(graph, id), true);
}

/** Every group expanded: the full network, node by node. */
export function expandAll(graph: Graph): Set<string> {
  return new Set(graph.groups.map((g) => g.id));
}
