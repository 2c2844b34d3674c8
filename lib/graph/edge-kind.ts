/**
 * The kind of one IR connection (source node -> destination node), from op kinds and group roles
 * only, never from names. Rules, first match wins:
 *  1. into a `mul` node, or into a node inside an `se`-role group -> 'se' (the SE side path; the edge
 *     leaving the SE group out of its mul is ordinary data flow again)
 *  2. out of a `slice` node                                     -> 'split'
 *  3. out of or into a `shuffle` node                           -> 'shuffle'
 *  4. into a `concat` node                                      -> 'concat'
 *  5. into an `add` node                                        -> 'add'
 *  6. otherwise                                                 -> 'seq'
 * SE comes first so that an SE-scaled tensor is never mistaken for a plain layer; split/shuffle come
 * before concat because in ShuffleNet the identity half goes straight from the split to the concat,
 * and what matters there is that it is half of the channels.
 */
import type { Graph, Node } from '@/lib/arch';
import type { EdgeKind } from './types';
import { EDGE_KINDS } from './types';
import { groupIndex } from './hierarchy';

/** A predicate "is this group inside (or equal to) an SE group", memoised per graph. */
export function seMembership(graph: Graph): (groupId: string | null) => boolean {
  const { byId, chain } = groupIndex(graph);
  const memo = new Map<string, boolean>();
  return (id) => {
    if (id === null) return false;
    let v = memo.get(id);
    if (v === undefined) {
      v = (chain.get(id) ?? []).some((g) => byId.get(g)?.role === 'se');
      memo.set(id, v);
    }
    return v;
  };
}

/** `src` is undefined for the graph input. */
export function connectionKind(src: Node | undefined, dst: Node, inSe: (groupId: string | null) => boolean): EdgeKind {
  const d = dst.op.kind;
  const s = src?.op.kind;
  if (d === 'mul' || inSe(dst.group)) return 'se';
  if (s === 'slice') return 'split';
  if (s === 'shuffle' || d === 'shuffle') return 'shuffle';
  if (d === 'concat') return 'concat';
  if (d === 'add') return 'add';
  return 'seq';
}

/**
 * The kind drawn for a visible edge that merges several IR connections (edges between collapsed
 * groups). Plain data flow wins when present: between two collapsed ResNet blocks the edge is the
 * block output flowing on, even though one of the merged connections is the skip into the next
 * block's add; the special kinds appear as soon as the group is expanded. Without 'seq', the
 * first special kind in EDGE_KINDS order.
 */
export function primaryKind(kinds: readonly EdgeKind[]): EdgeKind {
  if (kinds.includes('seq')) return 'seq';
  return EDGE_KINDS.find((k) => kinds.includes(k)) ?? 'seq';
}
