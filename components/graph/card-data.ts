/**
 * What the node card says about an item, as plain rows (pure, so it is unit-tested in Node and the
 * same text feeds the aria-labels).
 */
import { describeOp, ROLE_NOUNS } from '@/lib/arch';
import { formatBytes, formatCount, formatCountExact, formatMs, formatShape } from '@/lib/format';
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

/**
 * The text an item's glyph shows, in full, line by line (GraphScene shortens each line to its box,
 * word by word, and a merge glyph shows only the first line).
 */
export function glyphText(item: VisibleItem): { readonly title: string; readonly sub?: string } {
  switch (item.type) {
    case 'input':
      return { title: `input ${formatShape(item.outShape)}` };
    case 'node':
      return { title: describeOp(item.node.op), sub: `→ ${formatShape(item.node.outShape)}` };
    case 'group':
      return { title: item.group.label, sub: `${formatCount(item.cost.macs)} MACs · ${formatCount(item.cost.params)} params` };
  }
}

/**
 * Screen-reader name of an item: what its glyph shows, word for word and in order (so a reader who
 * sees "Dense block 1" can say it: WCAG 2.5.3, axe's label-content-name-mismatch), then its id, kind
 * and output shape.
 */
export function ariaLabelOf(item: VisibleItem): string {
  const { title, sub } = glyphText(item);
  switch (item.type) {
    case 'input':
      return `Input, ${formatShape(item.outShape)}`;
    case 'node':
      return `${item.id}, ${title} ${sub}`;
    case 'group':
      return `${groupName(title, item.id)}, ${sub}, ${groupNoun(item)} of ${item.nodeCount} ops, output ${formatShape(item.outShape)}`;
  }
}

/** Screen-reader name of an expanded group's frame header: its visible label and MACs first. */
export function frameLabelOf(label: string, id: string, macs: number, nodeCount: number): string {
  return `${groupName(label, id)}, ${formatCount(macs)} MACs, expanded, ${nodeCount} ops. Press Enter to collapse.`;
}
