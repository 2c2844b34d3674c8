/**
 * What the node card says about an item, as plain rows (pure, so it is unit-tested in Node and the
 * same text feeds the aria-labels).
 */
import { describeOp, ROLE_NOUNS } from '@/lib/arch';
import { type Field, formatField } from '@/lib/arch/receptive-field';
import { formatBytes, formatCount, formatCountExact, formatMs, formatShape } from '@/lib/format';
import { itemInShapes, itemOutShape, itemTime, type VisibleItem } from '@/lib/graph';

export interface CardData {
  readonly title: string;
  readonly subtitle: string;
  readonly rows: readonly (readonly [string, string])[];
}

/** What the group is in its paper, from the role its builder gave it. */
const groupNoun = (item: Extract<VisibleItem, { type: 'group' }>): string => ROLE_NOUNS[item.group.role];

/**
 * `fields` (lib/arch/receptive-field.ts, per node) adds the theoretical receptive field: a node's
 * own, a collapsed group's that of its last node (its output).
 */
export function cardData(item: VisibleItem, times?: ReadonlyMap<string, number>, fields?: ReadonlyMap<string, Field>): CardData {
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
  const f = fields?.get(item.type === 'node' ? item.id : (item.nodes.at(-1) ?? ''));
  if (f) rows.push(['Receptive field', formatField(f)]);
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

/** A glyph's text, line by line. */
export interface GlyphLines {
  readonly title: string;
  readonly sub?: string;
}

/**
 * The text an item's glyph shows, in full, line by line (glyph-text.ts shortens each line to its
 * box, word by word, and a merge glyph shows only the first line).
 */
export function glyphText(item: VisibleItem): GlyphLines {
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
 * Screen-reader name of an item: what its glyph shows, word for word and in order, then its id,
 * kind and output shape. WCAG 2.5.3 (Label in Name; axe's label-content-name-mismatch): the
 * visible words must appear, contiguous and in order, in the name, so that a speech-input user can
 * say what they see. axe 4.x reads the visible text as the glyph's text nodes run together (both
 * lines), drops parentheticals and every character that is not a letter or digit (the "…" too),
 * and looks for those words as one run in the name. A shortened line breaks that run (the words
 * cut from the title sit between it and the second line in the full name), so when the glyph
 * (`drawn`, from glyph-text.ts) shows less than the full text, the name starts with exactly what
 * is drawn and goes on with the full name.
 */
export function ariaLabelOf(item: VisibleItem, drawn?: GlyphLines): string {
  const full = fullLabelOf(item);
  const text = glyphText(item);
  const shortened = drawn !== undefined && (drawn.title !== text.title || (drawn.sub !== undefined && drawn.sub !== text.sub));
  return shortened ? `${[drawn.title, drawn.sub].filter(Boolean).join(', ')}; in full: ${full}` : full;
}

function fullLabelOf(item: VisibleItem): string {
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

/**
 * Screen-reader name of an expanded group's frame header: its visible label and MACs first. When
 * the header shows a shortened label (`drawnLabel`), the name starts with exactly that, as in
 * ariaLabelOf.
 */
export function frameLabelOf(label: string, id: string, macs: number, nodeCount: number, drawnLabel: string = label): string {
  const cost = `${formatCount(macs)} MACs`;
  const full = `${groupName(label, id)}, ${cost}, expanded, ${nodeCount} ops. Press Enter to collapse.`;
  return drawnLabel === label ? full : `${drawnLabel}, ${cost}; in full: ${full}`;
}
