/**
 * layoutGraph: a deterministic top-to-bottom layout that follows the group nesting.
 *
 * Why not a generic layered (Sugiyama) layout: DenseNet-201 fully expanded has ~700 nodes and
 * ~1,700 dense connections, most spanning many layers; dummy nodes and crossing minimisation would
 * blow the 50 ms budget and spread the network sideways. These networks are nested series-parallel
 * structures, and the group tree says where the parallel parts are, so each expanded group is laid
 * out on its own as a box and then placed in its parent like a single item:
 *
 * 1. Inside a container (an expanded group, or the root), its children (items and child boxes)
 *    get y = as soon as possible after their predecessors among siblings (edges lifted to the
 *    level where they meet).
 * 2. The longest chain becomes the main column; every other child goes into the first side column
 *    where it does not overlap anything (ResNet's downsample beside conv1-bn3, ShuffleNet's two
 *    branches side by side).
 * 3. Columns align on "spines" (the main line of each child box), so the main path of the network
 *    is one straight vertical line through all nesting levels.
 * 4. Edges between the same column that skip over something become arcs in a lane reserved on the
 *    side of the container (routes.ts).
 *
 * Everything is a function of the input and iteration follows graph order: no randomness, same
 * input, same output. Cost: linear in items + edges times the nesting depth (≤ 4).
 */
import type {
  GraphLayout,
  LayoutOptions,
  PositionedEdge,
  PositionedFrame,
  PositionedItem,
  Rect,
  RouteKind,
  VisibleEdge,
  VisibleGraph,
  VisibleItem,
} from './types';
import { resolveOptions, shapeKindOf } from './sizes';
import { arcPath, curvePath, straightPath } from './routes';

interface Box {
  width: number;
  height: number;
  /** x of the main line, from the box's left. */
  spine: number;
  /**
   * Top of the first and bottom of the last leaf item crossing the spine line, relative to the
   * box: an edge can enter or leave the box straight along the spine only at these two points.
   */
  spineTop: number;
  spineBottom: number;
}

interface LocalEdge {
  readonly edge: VisibleEdge;
  readonly childA: string;
  readonly childB: string;
}

interface RouteInfo {
  route: RouteKind;
  container: string | null;
  laneX: number;
  side: 'left' | 'right';
}

const ROOT = '\u0000root';
const key = (c: string | null) => c ?? ROOT;

/** Horizontal distance of an arc's lane from its column: grows with the span so nested arcs separate. */
export function arcOffset(span: number): number {
  return 16 + Math.round(7 * Math.log2(1 + span));
}

export function layoutGraph(visible: VisibleGraph, options: Partial<LayoutOptions> = {}): GraphLayout {
  const opt = resolveOptions(options);
  const frames = new Map(visible.frames.map((f) => [f.id, f]));
  const itemById = new Map<string, VisibleItem>(visible.items.map((i) => [i.id, i]));

  // Containment: parent container of every item and frame; children in graph order.
  const parentOf = new Map<string, string | null>();
  const children = new Map<string, string[]>();
  const push = (c: string | null, id: string) => {
    const list = children.get(key(c));
    if (list) list.push(id);
    else children.set(key(c), [id]);
  };
  const ancestorsOf = (c: string | null): string[] => {
    const out: string[] = [];
    for (let f = c; f !== null; f = frames.get(f)?.parent ?? null) out.push(f);
    return out.reverse();
  };
  const ancestors = new Map<string, string[]>();
  for (const item of visible.items) {
    const anc = ancestorsOf(item.parent);
    ancestors.set(item.id, anc);
    anc.forEach((f, i) => {
      if (parentOf.has(f)) return;
      const p = i === 0 ? null : anc[i - 1];
      parentOf.set(f, p);
      push(p, f);
    });
    parentOf.set(item.id, item.parent);
    push(item.parent, item.id);
  }

  // Lift every edge to the container where its two ends meet.
  const local = new Map<string, LocalEdge[]>();
  const edgeContainer = new Map<string, string | null>();
  for (const edge of visible.edges) {
    const a = ancestors.get(edge.from);
    const b = ancestors.get(edge.to);
    if (!a || !b) continue;
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    const container = p === 0 ? null : a[p - 1];
    const childA = p < a.length ? a[p] : edge.from;
    const childB = p < b.length ? b[p] : edge.to;
    if (childA === childB) continue;
    edgeContainer.set(edge.id, container);
    const list = local.get(key(container));
    const le = { edge, childA, childB };
    if (list) list.push(le);
    else local.set(key(container), [le]);
  }

  const boxes = new Map<string, Box>();
  /** Position of each item/frame relative to its parent container's box. */
  const pos = new Map<string, { x: number; y: number }>();
  const size = (id: string): { width: number; height: number; spine: number } => {
    const b = boxes.get(id);
    if (b) return b;
    const s = opt.sizes[shapeKindOf(itemById.get(id)!)];
    return { width: s.width, height: s.height, spine: s.width / 2 };
  };
  /** Rect of a leaf item relative to container `c` (walks up through the nested boxes). */
  const relRect = (id: string, c: string | null): Rect => {
    const s = size(id);
    let x = 0;
    let y = 0;
    let cur: string | null = id;
    while (cur !== null && cur !== c) {
      const p = pos.get(cur)!;
      x += p.x;
      y += p.y;
      cur = parentOf.get(cur) ?? null;
    }
    return { x, y, width: s.width, height: s.height };
  };
  const routes = new Map<string, RouteInfo>();

  // Which visible item shows an IR node (for the SE rule below).
  const shownBy = new Map<string, string>();
  for (const item of visible.items) {
    if (item.type === 'node') shownBy.set(item.id, item.id);
    else if (item.type === 'group') for (const n of item.nodes) shownBy.set(n, item.id);
  }
  /** The child of container `c` that holds item `id`, or undefined when it is outside `c`. */
  const childIn = (c: string | null, id: string): string | undefined => {
    const anc = ancestors.get(id) ?? [];
    const i = c === null ? -1 : anc.indexOf(c);
    if (c !== null && i < 0) return undefined;
    return anc[i + 1] ?? id;
  };
  /**
   * The squeeze-and-excitation multiply scales inputs[0] by inputs[1] (ir.ts): the scaled tensor
   * is the main path and the squeeze branch the side path, even though the branch is longer.
   */
  const mainInput = (c: string | null, k: string): string | null | undefined => {
    const item = itemById.get(k);
    if (item?.type !== 'node' || item.node.op.kind !== 'mul') return undefined;
    const src = shownBy.get(item.node.inputs[0]);
    return src === undefined ? null : (childIn(c, src) ?? null);
  };

  const layoutBox = (c: string | null): Box => {
    const kids = children.get(key(c)) ?? [];
    for (const k of kids) if (frames.has(k)) boxes.set(k, layoutBox(k));
    const order = new Map(kids.map((k, i) => [k, i]));
    const preds = new Map<string, string[]>();
    const edges = local.get(key(c)) ?? [];
    for (const e of edges) {
      const list = preds.get(e.childB);
      if (list) list.push(e.childA);
      else preds.set(e.childB, [e.childA]);
    }

    // 1. As-soon-as-possible y, remembering the predecessor that decided it.
    const y = new Map<string, number>();
    const critical = new Map<string, string>();
    for (const k of kids) {
      let best = 0;
      for (const p of preds.get(k) ?? []) {
        if ((order.get(p) ?? Infinity) >= (order.get(k) ?? 0)) continue;
        const cand = y.get(p)! + size(p).height + opt.gapY;
        if (cand > best) {
          best = cand;
          critical.set(k, p);
        }
      }
      y.set(k, best);
      const main = mainInput(c, k);
      if (main === null) critical.delete(k);
      else if (main !== undefined && main !== k) critical.set(k, main);
    }

    // 2. Main chain back from the lowest child (ties: the later one, usually the exit); the rest
    //    packed into side columns.
    let end: string | undefined;
    let endBottom = -Infinity;
    for (const k of kids) {
      const b = y.get(k)! + size(k).height;
      if (b >= endBottom) {
        endBottom = b;
        end = k;
      }
    }
    const column = new Map<string, number>();
    for (let k = end; k !== undefined; k = critical.get(k)) column.set(k, 0);
    const columns: string[][] = [[]];
    for (const k of kids) {
      let col = column.get(k);
      if (col === undefined) {
        const top = y.get(k)!;
        const bottom = top + size(k).height;
        col = 1;
        while (
          columns[col]?.some((o) => {
            const oy = y.get(o)!;
            return top < oy + size(o).height + opt.gapY - 0.5 && oy < bottom + opt.gapY - 0.5;
          })
        ) {
          col++;
        }
        column.set(k, col);
      }
      (columns[col] ??= []).push(k);
    }

    // 3. Column spines from the extents of their members around their own spines.
    const spines: number[] = [];
    const lefts: number[] = [];
    const rights: number[] = [];
    columns.forEach((members, i) => {
      let l = 0;
      let r = 0;
      for (const m of members) {
        const s = size(m);
        l = Math.max(l, s.spine);
        r = Math.max(r, s.width - s.spine);
      }
      spines[i] = i === 0 ? l : spines[i - 1] + rights[i - 1] + opt.gapX + l;
      lefts[i] = spines[i] - l;
      rights[i] = r;
    });
    for (const k of kids) pos.set(k, { x: spines[column.get(k)!] - size(k).spine, y: y.get(k)! });
    const contentWidth = columns.length ? spines[columns.length - 1] + rights[columns.length - 1] : 0;

    // 4. Routes of the edges that meet here; arcs reserve a lane on their column's outer side.
    const rank = new Map<string, number>();
    for (const members of columns) members.forEach((m, i) => rank.set(m, i));
    let marginLeft = 0;
    let marginRight = 0;
    const pending: { id: string; info: RouteInfo }[] = [];
    for (const { edge, childA, childB } of edges) {
      const a = relRect(edge.from, c);
      const b = relRect(edge.to, c);
      const ca = column.get(childA)!;
      const cb = column.get(childB)!;
      const sameLine = Math.abs(a.x + a.width / 2 - (b.x + b.width / 2)) < 0.5;
      if (!sameLine || ca !== cb) {
        pending.push({ id: edge.id, info: { route: 'curve', container: c, laneX: 0, side: 'left' } });
        continue;
      }
      const pa = pos.get(childA)!;
      const pb = pos.get(childB)!;
      const boxA = boxes.get(childA);
      const boxB = boxes.get(childB);
      const exitsA = !boxA || Math.abs(a.y + a.height - (pa.y + boxA.spineBottom)) < 0.5;
      const entersB = !boxB || Math.abs(b.y - (pb.y + boxB.spineTop)) < 0.5;
      const span = rank.get(childB)! - rank.get(childA)! - 1;
      if (span === 0 && exitsA && entersB) {
        pending.push({ id: edge.id, info: { route: 'straight', container: c, laneX: 0, side: 'left' } });
        continue;
      }
      const off = arcOffset(Math.max(0, span));
      if (ca === 0) {
        marginLeft = Math.max(marginLeft, off + 4);
        pending.push({ id: edge.id, info: { route: 'arc', container: c, laneX: lefts[0] - off, side: 'left' } });
      } else {
        const lane = spines[ca] + rights[ca] + off;
        marginRight = Math.max(marginRight, lane + 4 - contentWidth);
        pending.push({ id: edge.id, info: { route: 'arc', container: c, laneX: lane, side: 'right' } });
      }
    }

    // 5. Padding, title bar and arc margins.
    const pad = opt.padding;
    const shiftX = pad + marginLeft;
    const shiftY = c === null ? pad : opt.header + pad;
    let contentHeight = 0;
    let spineTop = Infinity;
    let spineBottom = -Infinity;
    const spine = shiftX + (spines[0] ?? 0);
    for (const k of kids) {
      const p = pos.get(k)!;
      p.x += shiftX;
      p.y += shiftY;
      const s = size(k);
      contentHeight = Math.max(contentHeight, p.y - shiftY + s.height);
      if (column.get(k) !== 0) continue;
      // Children of the main column are centred on the spine, so they all cross it.
      const inner = boxes.get(k);
      spineTop = Math.min(spineTop, p.y + (inner ? inner.spineTop : 0));
      spineBottom = Math.max(spineBottom, p.y + (inner ? inner.spineBottom : s.height));
    }
    for (const { id, info } of pending) {
      info.laneX += shiftX;
      routes.set(id, info);
    }
    return {
      width: shiftX + contentWidth + marginRight + pad,
      height: shiftY + contentHeight + pad,
      spine,
      spineTop: Number.isFinite(spineTop) ? spineTop : shiftY,
      spineBottom: Number.isFinite(spineBottom) ? spineBottom : shiftY,
    };
  };

  const root = layoutBox(null);

  // Absolute positions, top-down.
  const absolute = new Map<string, { x: number; y: number }>();
  const abs = (id: string | null): { x: number; y: number } => {
    if (id === null) return { x: 0, y: 0 };
    const hit = absolute.get(id);
    if (hit) return hit;
    const p = pos.get(id)!;
    const o = abs(parentOf.get(id) ?? null);
    const v = { x: o.x + p.x, y: o.y + p.y };
    absolute.set(id, v);
    return v;
  };
  const items: PositionedItem[] = [];
  const index = new Map<string, number>();
  for (const item of visible.items) {
    const p = abs(item.id);
    const s = opt.sizes[shapeKindOf(item)];
    index.set(item.id, items.length);
    items.push({ item, shape: shapeKindOf(item), x: p.x, y: p.y, width: s.width, height: s.height });
  }
  const positionedFrames: PositionedFrame[] = visible.frames
    .filter((f) => boxes.has(f.id))
    .map((frame) => {
      const p = abs(frame.id);
      const b = boxes.get(frame.id)!;
      return { frame, x: p.x, y: p.y, width: b.width, height: b.height };
    });
  const spineOf = (c: string | null) => abs(c).x + (c === null ? root.spine : boxes.get(c)!.spine);

  const positionedEdges: PositionedEdge[] = [];
  for (const edge of visible.edges) {
    const info = routes.get(edge.id);
    const ia = index.get(edge.from);
    const ib = index.get(edge.to);
    if (!info || ia === undefined || ib === undefined) continue;
    const a = items[ia];
    const b = items[ib];
    let path: string;
    if (info.route === 'straight') path = straightPath(a, b);
    else if (info.route === 'arc') path = arcPath(a, b, abs(info.container).x + info.laneX, info.side);
    else {
      const spine = spineOf(edgeContainer.get(edge.id) ?? null);
      const outward = Math.abs(b.x + b.width / 2 - spine) > Math.abs(a.x + a.width / 2 - spine);
      path = curvePath(a, b, outward);
    }
    positionedEdges.push({ edge, route: info.route, path });
  }

  return { width: root.width, height: root.height, items, frames: positionedFrames, edges: positionedEdges, index };
}
