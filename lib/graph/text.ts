/**
 * A compact, stable text rendering of a layout for snapshot tests and for eyeballing in a terminal:
 * one line per frame, item and edge, integer coordinates.
 */
import type { GraphLayout, VisibleItem } from './types';

const describe = (item: VisibleItem): string => {
  switch (item.type) {
    case 'input':
      return `input [${item.outShape.join('x')}]`;
    case 'group':
      return `group ${item.group.kind} ${item.id} (${item.nodeCount} nodes) -> [${item.outShape.join('x')}]`;
    case 'node':
      return `node ${item.node.op.kind} ${item.id} -> [${item.node.outShape.join('x')}]`;
  }
};

export function layoutToText(layout: GraphLayout, opts: { edges?: boolean } = {}): string {
  const r = Math.round;
  const lines = [`size ${r(layout.width)}x${r(layout.height)}`];
  for (const f of layout.frames) {
    lines.push(`frame ${f.frame.group.kind} ${f.frame.id} @${r(f.x)},${r(f.y)} ${r(f.width)}x${r(f.height)}`);
  }
  for (const i of layout.items) lines.push(`${describe(i.item)} @${r(i.x)},${r(i.y)}`);
  if (opts.edges !== false) {
    for (const e of layout.edges) lines.push(`edge ${e.edge.from} -> ${e.edge.to} ${e.edge.kind} ${e.route}${e.edge.count > 1 ? ` x${e.edge.count}` : ''}`);
  }
  return lines.join('\n');
}
