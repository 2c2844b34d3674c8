/**
 * For tests: the same graph with every node name and group id replaced by a meaningless one
 * (ops, shapes, wiring, nesting and roles unchanged). Code that selects nodes by role and op gives
 * the same answers on it; code that parses torchvision names does not.
 */
import { INPUT, type Graph } from '../ir';

export function scrambleNames(graph: Graph): { graph: Graph; original: (name: string) => string } {
  const names = new Map<string, string>([[INPUT, INPUT]]);
  const back = new Map<string, string>([[INPUT, INPUT]]);
  const rename = (old: string, fresh: string) => {
    names.set(old, fresh);
    back.set(fresh, old);
    return fresh;
  };
  // Reversed numbering, so that graph order and name order disagree.
  graph.nodes.forEach((n, i) => rename(n.name, `n${graph.nodes.length - i}_q`));
  graph.groups.forEach((g, i) => rename(g.id, `g${graph.groups.length - i}_z`));
  const map = (s: string) => names.get(s)!;
  return {
    graph: {
      ...graph,
      id: `${graph.id}-scrambled`,
      nodes: graph.nodes.map((n) => ({ ...n, name: map(n.name), inputs: n.inputs.map(map), group: n.group === null ? null : map(n.group) })),
      groups: graph.groups.map((g) => ({ ...g, id: map(g.id), label: `Group ${map(g.id)}`, parent: g.parent === null ? null : map(g.parent) })),
      output: map(graph.output),
    },
    original: (name: string) => back.get(name) ?? name,
  };
}
