/**
 * What the node card says about an item, as plain rows (pure, so it is unit-tested in Node and the
 * same text feeds the aria-labels).
 */
import { describeOp, ROLE_NOUNS } from '@/lib/arch';
import { formatBytes, formatCountExact, formatMs, formatShape } from '@/lib/format';
import { itemInShapes, itemOutShape, itemTime, type VisibleItem } from '@/lib/graph';

export interface CardData {
  readonly title: string;
  readonly subtitle: string;
  readonly rows: readonly (readonly [string, string])[];
}

/** What the group is in its paper, from the role its builder gave it. */
const groupNoun = (item: Extract<VisibleItem, { type: 'group' }>): string => ROLE_NOUNS[item.group.role];

export function cardData(item: VisibleItem, times?: ReadonlyMap<string, number>): CardData {
  if (item.type === 'input') {
    return { title: 'Input', subtitle: 'the image, channels first', rows: [['Shape out', formatShape(item.outShape)]] };
  }
  const ins = itemInShapes(item);
  const rows: [string, string][] = [
    [ins.length > 1 ? 'Shapes in' : 'Shape in', ins.length ? ins.map(formatShape).join(' + ') : '—'],
    ['Shape out', formatShape(itemOutShape(item))],
    ['Params', formatCountExact(item.cost.params)],
    ['MACs', formatCountExact(item.cost.macs)],
    ['FLOPs (2×MACs)', formatCountExact(item.cost.flops)],
    ['Bytes moved', formatBytes(item.cost.memBytes)],
  ];
  const t = itemTime(item, times);
  if (t !== undefined) rows.push([item.type === 'group' ? 'Time (sum)' : 'Time', formatMs(t)]);
  if (item.type === 'node') return { title: item.id, subtitle: describeOp(item.node.op), rows };
  const noun = groupNoun(item);
  return { title: groupName(item.group.label, item.id), subtitle: `${noun} · ${item.nodeCount} ops`, rows };
}

/** The label, plus the id when the label does not already say it ("Dense block 1 (features.denseblock1)"). */
export function groupName(label: string, id: string): string {
  return label.includes(id) ? label : `${label} (${id})`;
}

/** Screen-reader name of an item: name, op and output shape (and what Enter does). */
export function ariaLabelOf(item: VisibleItem): string {
  switch (item.type) {
    case 'input':
      return `Input, ${formatShape(item.outShape)}`;
    case 'node':
      return `${item.id}, ${describeOp(item.node.op)}, output ${formatShape(item.node.outShape)}`;
    case 'group':
      return `${groupName(item.group.label, item.id)}, ${groupNoun(item)} of ${item.nodeCount} ops, output ${formatShape(item.outShape)}`;
  }
}
