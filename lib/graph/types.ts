/**
 * Types of the architecture-graph view model: what is visible (visible.ts) and where it goes
 * (layout.ts). Framework-free so the layout can be unit-tested and benchmarked in Node.
 */
import type { Cost, Group, GroupKind, Node, Shape } from '@/lib/arch';

/**
 * What a connection is, from the op kinds at its ends only (edge-kind.ts):
 * - concat: feeds a concat node (DenseNet's dense connectivity, ShuffleNet's merge)
 * - add: feeds an add node (residual connection)
 * - split: leaves a slice node (ShuffleNet v2 channel split)
 * - shuffle: leaves or enters a channel-shuffle node
 * - se: the squeeze-and-excitation side path (inside an SE group, or into the channel-wise mul)
 * - seq: plain sequential data flow
 */
export type EdgeKind = 'concat' | 'add' | 'split' | 'shuffle' | 'se' | 'seq';

export const EDGE_KINDS: readonly EdgeKind[] = ['seq', 'concat', 'add', 'split', 'shuffle', 'se'];

/** The graph input (not an IR node: IR nodes refer to it by the name `input`). */
export interface InputItem {
  readonly type: 'input';
  readonly id: string;
  readonly parent: null;
  readonly outShape: Shape;
}

/** One IR node shown as itself (all its enclosing groups are expanded). */
export interface NodeItem {
  readonly type: 'node';
  /** The node name. */
  readonly id: string;
  /** Innermost expanded group that contains it, null at top level. */
  readonly parent: string | null;
  readonly node: Node;
  readonly cost: Cost;
}

/** A collapsed group drawn as one "super-node" with aggregated costs. */
export interface GroupItem {
  readonly type: 'group';
  /** The group id. */
  readonly id: string;
  readonly parent: string | null;
  readonly group: Group;
  /** Sum over every IR node inside (at any depth). */
  readonly cost: Cost;
  readonly nodeCount: number;
  /** Names of the IR nodes inside, in graph order (to sum per-node times). */
  readonly nodes: readonly string[];
  /** Shapes of the distinct tensors entering the group from outside, in graph order. */
  readonly inShapes: readonly Shape[];
  /** Shape of the group's last node (its output for stages, blocks and branches). */
  readonly outShape: Shape;
  /** Number of direct child groups (0: expanding shows only nodes). */
  readonly childGroups: number;
}

export type VisibleItem = InputItem | NodeItem | GroupItem;

/** An expanded group: drawn as a frame around its visible members, with a collapse control. */
export interface Frame {
  readonly id: string;
  readonly group: Group;
  readonly parent: string | null;
  /** Nesting depth of the frame (top-level groups: 0). */
  readonly depth: number;
  readonly cost: Cost;
  readonly nodeCount: number;
}

export interface VisibleEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** The kind drawn; see primaryKind in visible.ts for merged edges. */
  readonly kind: EdgeKind;
  /** Every distinct kind of the IR connections merged into this edge, in EDGE_KINDS order. */
  readonly kinds: readonly EdgeKind[];
  /** How many IR connections it stands for. */
  readonly count: number;
}

export interface VisibleGraph {
  readonly graphId: string;
  /** In graph (topological) order; the input first. */
  readonly items: readonly VisibleItem[];
  /** Expanded groups whose members are visible, parents before children. */
  readonly frames: readonly Frame[];
  readonly edges: readonly VisibleEdge[];
}

export type ItemShapeKind = 'input' | 'group' | 'major' | 'minor' | 'merge';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PositionedItem extends Rect {
  readonly item: VisibleItem;
  readonly shape: ItemShapeKind;
}

export interface PositionedFrame extends Rect {
  readonly frame: Frame;
}

/** How the edge was routed (useful for tests and styling). */
export type RouteKind = 'straight' | 'curve' | 'arc';

export interface PositionedEdge {
  readonly edge: VisibleEdge;
  readonly route: RouteKind;
  /** SVG path data in layout coordinates. */
  readonly path: string;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PositionedItem[];
  readonly frames: readonly PositionedFrame[];
  readonly edges: readonly PositionedEdge[];
  /** id -> index into items (nodes and collapsed groups) for O(1) look-ups. */
  readonly index: ReadonlyMap<string, number>;
}

export interface LayoutOptions {
  /** Vertical gap between consecutive items. */
  readonly gapY: number;
  /** Horizontal gap between side-by-side columns. */
  readonly gapX: number;
  /** Inner padding of an expanded group's frame. */
  readonly padding: number;
  /** Height of a frame's title bar. */
  readonly header: number;
  /** Item sizes per shape kind. */
  readonly sizes: Readonly<Record<ItemShapeKind, { readonly width: number; readonly height: number }>>;
}

export type { Cost, Group, GroupKind, Node, Shape };
