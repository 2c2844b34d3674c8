/** Fixed item sizes per kind, and which kind an item is (from its op kind, never its name). */
import type { ItemShapeKind, LayoutOptions, VisibleItem } from './types';

export const DEFAULT_LAYOUT: LayoutOptions = {
  gapY: 14,
  gapX: 28,
  padding: 10,
  header: 22,
  sizes: {
    input: { width: 120, height: 26 },
    group: { width: 196, height: 42 },
    major: { width: 164, height: 32 },
    minor: { width: 132, height: 24 },
    merge: { width: 104, height: 24 },
  },
};

/**
 * major: ops with weights or a spatial window (they carry the cost and the shape changes);
 * merge: ops that join or cut tensors (the topology this site teaches); minor: the rest.
 */
export function shapeKindOf(item: VisibleItem): ItemShapeKind {
  if (item.type !== 'node') return item.type;
  switch (item.node.op.kind) {
    case 'conv':
    case 'linear':
    case 'maxpool':
    case 'avgpool':
    case 'gap':
      return 'major';
    case 'concat':
    case 'add':
    case 'mul':
    case 'slice':
    case 'shuffle':
      return 'merge';
    case 'bn':
    case 'act':
    case 'flatten':
    case 'dropout':
      return 'minor';
  }
}

export function resolveOptions(o: Partial<LayoutOptions> = {}): LayoutOptions {
  return { ...DEFAULT_LAYOUT, ...o, sizes: { ...DEFAULT_LAYOUT.sizes, ...o.sizes } };
}
