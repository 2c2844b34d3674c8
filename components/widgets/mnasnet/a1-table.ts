/**
 * MnasNet-A1's block table (paper Fig. 7(a)) from the spec: the block choices of MNAS_A1_BLOCKS,
 * widths, output resolution, and per-block parameters and multiply-adds from lib/arch's cost
 * model at 224×224. Pure: no React.
 */
import { MNAS_A1_BLOCKS, MNAS_STRIDES, buildGraph, graphCost, groupOutput, mnasWidths, modelKnobs, type MnasBlockChoice, type MnasNetKnobs } from '@/lib/arch';

export interface A1Row {
  readonly name: string;
  readonly op: string;
  readonly kernel: string;
  readonly se: boolean;
  readonly skip: string;
  readonly layers: number;
  readonly stride: number;
  readonly channels: number;
  readonly resolution: number;
  readonly params: number;
  readonly macs: number;
}

const OP: Record<MnasBlockChoice['op'], string> = { conv: 'Conv', sepconv: 'SepConv', mbconv1: 'MBConv1', mbconv3: 'MBConv3', mbconv6: 'MBConv6' };

export const A1_PAPER = { paramsM: 3.9, macsM: 312, top1: 75.2, latencyMs: 78 } as const;

export function a1Table(): { rows: A1Row[]; total: { params: number; macs: number } } {
  const graph = buildGraph('mnasnet_a1');
  const cost = graphCost(graph);
  const widths = mnasWidths(modelKnobs('mnasnet_a1') as MnasNetKnobs);
  const top = graph.groups.filter((g) => g.parent === null);
  const stage = (id: string) => cost.stages.find((s) => s.group === id) ?? { params: NaN, macs: NaN };
  const side = (id: string) => groupOutput(graph, id)?.outShape[1] ?? NaN;
  const stem = top[0];
  const rows: A1Row[] = [
    {
      name: 'Stem',
      op: 'Conv',
      kernel: '3×3',
      se: false,
      skip: '–',
      layers: 1,
      stride: 2,
      channels: widths.stem,
      resolution: side(stem.id),
      params: stage(stem.id).params,
      macs: stage(stem.id).macs,
    },
  ];
  MNAS_A1_BLOCKS.forEach((b, i) => {
    const g = top[i + 1];
    rows.push({
      name: `Block ${i + 1}`,
      op: OP[b.op],
      kernel: `${b.kernel}×${b.kernel}`,
      se: b.se > 0,
      skip: b.skip === 'identity' ? 'identity' : 'none',
      layers: b.layers,
      stride: MNAS_STRIDES[i],
      channels: widths.blocks[i],
      resolution: side(g.id),
      params: stage(g.id).params,
      macs: stage(g.id).macs,
    });
  });
  const head = top[top.length - 1];
  rows.push({
    name: 'Head',
    op: 'Conv 1×1, pool, FC',
    kernel: '1×1',
    se: false,
    skip: '–',
    layers: 1,
    stride: 1,
    channels: 1280,
    resolution: 1,
    params: stage(head.id).params,
    macs: stage(head.id).macs,
  });
  return { rows, total: { params: cost.total.params, macs: cost.total.macs } };
}
