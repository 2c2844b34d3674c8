/**
 * ShuffleNet v2's Table 5 (Ma et al. 2018) from the spec: per width, the output channels of each
 * stage (torchvision's stages_out_channels), the output sizes at 224×224, and the multiply-adds
 * and parameters from lib/arch's cost model, next to the numbers the paper prints. The paper's
 * "FLOPs" are multiply-adds (its footnote 1), the same count as the spec's MACs. Pure: no React.
 */
import { buildGraph, graphCost, groupOutput, groupsWithRole, modelKnobs, nodesInGroup, type Graph, type Node, type ShuffleNetV2Knobs } from '@/lib/arch';

export const TABLE5_MODELS = [
  { id: 'shufflenet_v2_x0_5', width: '0.5×', paperFlopsM: 41, paperParamsM: 1.4 },
  { id: 'shufflenet_v2_x1_0', width: '1×', paperFlopsM: 146, paperParamsM: 2.3 },
  { id: 'shufflenet_v2_x1_5', width: '1.5×', paperFlopsM: 299, paperParamsM: 3.5 },
  { id: 'shufflenet_v2_x2_0', width: '2×', paperFlopsM: 591, paperParamsM: 7.4 },
] as const;

export interface Table5Column {
  readonly id: string;
  readonly width: string;
  /** conv1, stage2, stage3, stage4, conv5 output channels. */
  readonly channels: readonly number[];
  readonly repeats: readonly number[];
  readonly macs: number;
  readonly params: number;
  readonly paperFlopsM: number;
  readonly paperParamsM: number;
}

export interface Table5 {
  readonly columns: readonly Table5Column[];
  /** Output side length after conv1, maxpool, stage2, stage3, stage4, conv5 (from the 1× graph). */
  readonly sizes: Readonly<Record<'conv1' | 'maxpool' | 'stage2' | 'stage3' | 'stage4' | 'conv5', number>>;
}

export function table5(): Table5 {
  const columns = TABLE5_MODELS.map((m) => {
    const k = modelKnobs(m.id) as ShuffleNetV2Knobs;
    const c = graphCost(buildGraph(m.id)).total;
    return { ...m, channels: k.stagesOutChannels, repeats: k.stagesRepeats, macs: c.macs, params: c.params };
  });
  return { columns, sizes: tableSizes(buildGraph('shufflenet_v2_x1_0')) };
}

/**
 * The output sizes of Table 5's rows, read from a ShuffleNet v2 graph by role and op: the stem's
 * conv and max pool, the output of each stage (its shuffle units) and of the conv5 layer.
 */
export function tableSizes(g: Graph): Table5['sizes'] {
  const side = (n: Node | undefined) => n?.outShape[1] ?? NaN;
  const [stem] = groupsWithRole(g, 'stem');
  const stemNodes = nodesInGroup(g, stem.id);
  const stages = groupsWithRole(g, 'stage').map((s) => side(groupOutput(g, s.id)));
  const [conv5] = groupsWithRole(g, 'conv');
  return {
    conv1: side(stemNodes.filter((n) => n.op.kind !== 'maxpool').at(-1)),
    maxpool: side(stemNodes.find((n) => n.op.kind === 'maxpool')),
    stage2: stages[0],
    stage3: stages[1],
    stage4: stages[2],
    conv5: side(groupOutput(g, conv5.id)),
  };
}
