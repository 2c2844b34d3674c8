/**
 * The "comparable layer" of each digits model for the comparison of what the architectures learned:
 * the output of its first or last feature stage, chosen by the roles its builders gave the groups
 * (a top-level group whose role is `stage` or `dense-block`), never by name. Transitions, the stem,
 * MnasNet's first SepConv and ShuffleNet v2's conv5 are not stages in this sense (roles
 * `transition`, `stem`, `sepconv`, `conv`), so "the last stage" is DenseNet's last dense block,
 * ResNet/ResNeXt's last `layerN`, ShuffleNet v2's stage4 and MnasNet's last block stack.
 */
import { groupOutput, type Graph, type Group, type GroupRole, type Node } from '@/lib/arch';

export const STAGE_PICKS = ['last', 'first'] as const;
export type StagePick = (typeof STAGE_PICKS)[number];

const FEATURE_STAGES: ReadonlySet<GroupRole> = new Set(['stage', 'dense-block']);

/** The top-level feature stages of a graph, in forward order. */
export function featureStages(graph: Graph): Group[] {
  return graph.groups.filter((g) => g.parent === null && FEATURE_STAGES.has(g.role));
}

export interface ComparableLayer {
  /** The stage group whose output is shown. */
  readonly stage: Group;
  /** Its output node. */
  readonly node: Node;
  /** 1-based position among the feature stages, and how many there are. */
  readonly index: number;
  readonly of: number;
}

export function comparableLayer(graph: Graph, pick: StagePick): ComparableLayer {
  const stages = featureStages(graph);
  if (stages.length === 0) throw new Error(`${graph.id} has no feature stage`);
  const i = pick === 'first' ? 0 : stages.length - 1;
  const node = groupOutput(graph, stages[i].id);
  if (!node) throw new Error(`${graph.id}: stage ${stages[i].id} has no nodes`);
  return { stage: stages[i], node, index: i + 1, of: stages.length };
}
