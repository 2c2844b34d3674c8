/** The number each colour mode paints an item with, and the figures the node card shows. */
import type { Shape } from '@/lib/arch';
import type { VisibleItem } from './types';

export type ColorMode = 'macs' | 'params' | 'time' | 'output';

export const COLOR_MODES: readonly ColorMode[] = ['macs', 'params', 'time', 'output'];

export const numel = (s: Shape): number => s.reduce((a, b) => a * b, 1);

/** Time of a node, or the sum over a collapsed group's nodes; undefined when nothing was timed. */
export function itemTime(item: VisibleItem, times: ReadonlyMap<string, number> | undefined): number | undefined {
  if (!times || item.type === 'input') return undefined;
  if (item.type === 'node') return times.get(item.id);
  let sum = 0;
  let any = false;
  for (const n of item.nodes) {
    const t = times.get(n);
    if (t !== undefined) {
      sum += t;
      any = true;
    }
  }
  return any ? sum : undefined;
}

export function itemOutShape(item: VisibleItem): Shape {
  return item.type === 'node' ? item.node.outShape : item.outShape;
}

export function itemInShapes(item: VisibleItem): readonly Shape[] {
  switch (item.type) {
    case 'input':
      return [];
    case 'node':
      return item.node.inShapes;
    case 'group':
      return item.inShapes;
  }
}

/** Value for a colour mode; undefined means "no data" (the input, or no time measured). */
export function itemValue(item: VisibleItem, mode: ColorMode, times?: ReadonlyMap<string, number>): number | undefined {
  if (item.type === 'input') return undefined;
  switch (mode) {
    case 'macs':
      return item.cost.macs;
    case 'params':
      return item.cost.params;
    case 'output':
      return numel(itemOutShape(item));
    case 'time':
      return itemTime(item, times);
  }
}
