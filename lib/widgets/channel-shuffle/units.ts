/**
 * The units the channel-shuffle widget traces, built by the spec's own shuffleUnit
 * (lib/arch/blocks/shuffle-unit.ts) and read back by role and op: how many channels each unit's
 * split keeps on the identity side, what each branch writes and how many groups the shuffle uses.
 * The traces (logic.ts, trace-tf.ts) follow these plans instead of restating the unit.
 */
import { shuffleUnit } from '@/lib/arch/blocks/shuffle-unit';
import { GraphBuilder } from '@/lib/arch/builder';
import { groupOutput, groupsWithRole, nodesInGroup } from '@/lib/arch/graph-utils';
import { INPUT, type Graph } from '@/lib/arch/ir';
import type { TraceOptions, UnitKind } from './logic';

/** Spatial size the spec is built at (any valid size: the channel plan does not depend on it). */
const SIZE = 32;

export interface UnitPlan {
  readonly kind: UnitKind;
  /** Basic unit: channels of the identity slice (c′) and of the slice that enters branch 2. */
  readonly split: readonly [number, number] | null;
  /** Output channels of the left part (identity slice, or branch 1) and of branch 2. */
  readonly leftOut: number;
  readonly rightOut: number;
  /** Groups of the channel shuffle after the concat. */
  readonly shuffleGroups: number;
}

/** A chain of `units` ShuffleNet v2 units with `channels` outputs each (the first one stride 2 if asked). */
export function shuffleUnitsGraph(o: TraceOptions): Graph {
  const b = new GraphBuilder('channel-shuffle', [o.firstDownsample ? o.channels / 2 : o.channels, SIZE, SIZE]);
  let x: string = INPUT;
  for (let u = 1; u <= o.units; u++) x = shuffleUnit(b, `unit${u}`, x, { outC: o.channels, stride: u === 1 && o.firstDownsample ? 2 : 1, splitRatio: 0.5 });
  return b.build(x);
}

/** Each shuffle unit of a graph, in order, as the channel plan the traces follow. */
export function unitPlans(g: Graph): UnitPlan[] {
  return groupsWithRole(g, 'shuffle-unit').map((unit) => {
    const nodes = nodesInGroup(g, unit.id);
    const slices = nodes.flatMap((n) => (n.op.kind === 'slice' ? [n.op] : []));
    const branches = groupsWithRole(g, 'branch', unit.id).map((br) => groupOutput(g, br.id)!.outShape[0]);
    const shuffle = nodes.find((n) => n.op.kind === 'shuffle')!.op;
    const split = slices.length === 2 ? ([slices[0].size, slices[1].size] as const) : null;
    return {
      // No split: both branches read the whole input (the stride-2 unit).
      kind: split ? 'basic' : 'downsample',
      split,
      leftOut: split ? split[0] : branches[0],
      rightOut: branches.at(-1)!,
      shuffleGroups: shuffle.kind === 'shuffle' ? shuffle.groups : 1,
    };
  });
}

export function planUnits(o: TraceOptions): UnitPlan[] {
  return unitPlans(shuffleUnitsGraph(o));
}
