/**
 * Keyboard order of the graph's focusable parts (pure). Reading order, top to bottom then left to
 * right, is also the DOM order, so Tab and the arrow keys agree.
 */
import type { GraphLayout, Rect } from '@/lib/graph';

export type FocusKind = 'item' | 'frame' | 'expand-all';

export interface FocusEntry {
  /** Unique among entries: `${kind}:${id}`. */
  readonly key: string;
  readonly kind: FocusKind;
  readonly id: string;
  readonly rect: Rect;
  /** Index into layout.items for items and expand-all buttons, into layout.frames for frames. */
  readonly index: number;
}

export const EXPAND_ALL_SIZE = 18;

export function focusEntries(layout: GraphLayout, headerHeight: number): FocusEntry[] {
  const out: FocusEntry[] = [];
  layout.frames.forEach((f, index) => {
    out.push({ key: `frame:${f.frame.id}`, kind: 'frame', id: f.frame.id, rect: { x: f.x, y: f.y, width: f.width, height: headerHeight }, index });
  });
  layout.items.forEach((p, index) => {
    out.push({ key: `item:${p.item.id}`, kind: 'item', id: p.item.id, rect: p, index });
    if (p.item.type === 'group' && p.item.childGroups > 0) {
      const s = EXPAND_ALL_SIZE;
      out.push({
        key: `expand-all:${p.item.id}`,
        kind: 'expand-all',
        id: p.item.id,
        rect: { x: p.x + p.width - s - 4, y: p.y + 4, width: s, height: s },
        index,
      });
    }
  });
  // Frames before their first item at the same y (the header sits above the content).
  const rank: Record<FocusKind, number> = { frame: 0, item: 1, 'expand-all': 2 };
  return out.sort((a, b) => a.rect.y - b.rect.y || rank[a.kind] - rank[b.kind] || a.rect.x - b.rect.x);
}

export type NavKey = 'ArrowDown' | 'ArrowUp' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

/**
 * The entry an arrow key moves to: Down/Up the next/previous part in reading order, Left/Right
 * the nearest part beside it (a parallel branch), or nowhere when there is none. Expand-all buttons
 * are reachable with Tab only, so arrows walk the network itself.
 */
export function navigate(entries: readonly FocusEntry[], fromKey: string, key: NavKey): FocusEntry | undefined {
  const list = entries.filter((e) => e.kind !== 'expand-all');
  const i = list.findIndex((e) => e.key === fromKey);
  if (key === 'Home') return list[0];
  if (key === 'End') return list.at(-1);
  if (i < 0) return list[0];
  const cur = list[i];
  if (key === 'ArrowDown') return list[i + 1] ?? cur;
  if (key === 'ArrowUp') return list[i - 1] ?? cur;
  const dir = key === 'ArrowRight' ? 1 : -1;
  const cx = cur.rect.x + cur.rect.width / 2;
  let best: FocusEntry | undefined;
  let bestD = Infinity;
  for (const e of list) {
    if (e === cur || e.rect.y >= cur.rect.y + cur.rect.height || cur.rect.y >= e.rect.y + e.rect.height) continue;
    const d = (e.rect.x + e.rect.width / 2 - cx) * dir;
    if (d > 0.5 && d < bestD) {
      bestD = d;
      best = e;
    }
  }
  return best ?? cur;
}
