/** Small queries over a Graph used by tests, the UI and the runtime. */
import type { Graph, Group, GroupRole, Node } from './ir';

/**
 * The node whose value is a torchvision module's output: the node named `name`, or else the last
 * node (in graph order) whose name starts with `name.` (e.g. `layer1` -> `layer1.2.relu3`,
 * `features.denseblock1` -> `features.denseblock1.concat`). Undefined if none.
 */
export function moduleOutput(graph: Graph, name: string): Node | undefined {
  const exact = graph.nodes.find((n) => n.name === name);
  if (exact) return exact;
  const prefix = `${name}.`;
  return graph.nodes.findLast((n) => n.name.startsWith(prefix));
}

/** All groups enclosing `groupId`, innermost first. */
export function groupChain(graph: Graph, groupId: string | null): Group[] {
  const byId = new Map(graph.groups.map((g) => [g.id, g]));
  const out: Group[] = [];
  let g = groupId === null ? undefined : byId.get(groupId);
  while (g) {
    out.push(g);
    g = g.parent === null ? undefined : byId.get(g.parent);
  }
  return out;
}

/** Nodes inside a group (at any depth), in graph order. */
export function nodesInGroup(graph: Graph, groupId: string): Node[] {
  return graph.nodes.filter((n) => groupChain(graph, n.group).some((g) => g.id === groupId));
}

/** The last node of a group: its output when the group is a stage, block or branch. */
export function groupOutput(graph: Graph, groupId: string): Node | undefined {
  return nodesInGroup(graph, groupId).at(-1);
}

/** Groups with `role` in creation order (forward order), optionally only those inside group `within`. */
export function groupsWithRole(graph: Graph, role: GroupRole, within?: string): Group[] {
  return graph.groups.filter((g) => g.role === role && (within === undefined || groupChain(graph, g.parent).some((p) => p.id === within)));
}

/** The nodes that feed a group from outside it, in first-use order (a block's input). */
export function groupInputs(graph: Graph, groupId: string): string[] {
  const inside = new Set(nodesInGroup(graph, groupId).map((n) => n.name));
  const out: string[] = [];
  for (const n of graph.nodes) if (inside.has(n.name)) for (const i of n.inputs) if (!inside.has(i) && !out.includes(i)) out.push(i);
  return out;
}
