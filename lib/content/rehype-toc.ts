import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

export interface TocEntry {
  readonly id: string;
  readonly text: string;
  readonly depth: 2 | 3;
}

/**
 * Collects h2/h3 headings (after rehype-slug gave them ids) into `out`, and appends a "#" anchor
 * link to each so readers can copy a stable link to any section.
 */
export function rehypeToc(out: TocEntry[]) {
  return () => (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'h2' && node.tagName !== 'h3') return;
      const id = node.properties?.id;
      if (typeof id !== 'string') return;
      out.push({ id, text: toString(node).trim(), depth: node.tagName === 'h2' ? 2 : 3 });
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { href: `#${id}`, className: ['heading-anchor'], ariaLabel: `Link to this section` },
        children: [{ type: 'text', value: '#' }],
      });
    });
  };
}
