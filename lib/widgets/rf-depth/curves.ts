/**
 * The curves of the receptive-field-against-depth widget, from the spec: for each architecture,
 * the theoretical receptive field (lib/arch/receptive-field.ts) at each weighted-layer depth, and
 * the multiply–accumulates spent to get there. Framework-free.
 *
 * Depth is counted as the networks' names count it (lib/models/catalog.ts weightedDepths: conv and
 * linear layers on the longest path, so ResNet-50's last conv is layer 49 and DenseNet-121's 120).
 * At each depth the curve takes the widest field of the convolutions at that depth: a projection
 * shortcut or a ShuffleNet branch that starts later sees less than the main path beside it.
 * Global pooling ends a curve: after it every layer sees the whole image.
 */
import { buildGraph, describeOp, getModel, nodeCost, type FamilyId } from '@/lib/arch';
import { receptiveFields } from '@/lib/arch/receptive-field';
import { weightedDepths } from '@/lib/models/catalog';
import { RF_MODELS, type RfModel } from './meta';

export const RF_MODEL_LABELS: Readonly<Record<RfModel, string>> = {
  densenet121: 'DenseNet-121',
  resnext50_32x4d: 'ResNeXt-50 (32×4d)',
  resnet50: 'ResNet-50',
  shufflenet_v2_x1_0: 'ShuffleNet v2 1.0×',
  mnasnet1_0: 'MnasNet 1.0',
};

export interface RfPoint {
  /** Weighted layers on the longest path up to this conv (1-based). */
  readonly depth: number;
  /** The conv at this depth with the widest field (torchvision module name). */
  readonly name: string;
  readonly op: string;
  /** Receptive-field height in input pixels (the fields here are square). */
  readonly rf: number;
  readonly jump: number;
  /** Multiply–accumulates of every node up to and including this one, in graph order. */
  readonly macs: number;
}

export interface RfCurve {
  readonly id: RfModel;
  readonly label: string;
  readonly family: FamilyId;
  readonly size: number;
  readonly points: readonly RfPoint[];
  /** The first point whose field is at least the image (the centre cell then sees all of it), or null. */
  readonly whole: RfPoint | null;
  readonly totalMacs: number;
}

export function rfCurve(id: RfModel, size: number): RfCurve {
  const graph = buildGraph(id, { size });
  const fields = receptiveFields(graph);
  const depths = weightedDepths(graph);
  const byDepth = new Map<number, RfPoint>();
  let macs = 0;
  for (const n of graph.nodes) {
    macs += nodeCost(n).macs;
    const f = fields.get(n.name)!;
    if (n.op.kind !== 'conv' || f.global) continue;
    const depth = depths.get(n.name)!;
    const prev = byDepth.get(depth);
    // Ties keep the earlier node (a projection shortcut comes after the block it bypasses), so the
    // MACs spent grow along the curve.
    if (!prev || f.rf[0] > prev.rf) byDepth.set(depth, { depth, name: n.name, op: describeOp(n.op), rf: f.rf[0], jump: f.jump[0], macs });
  }
  const points = [...byDepth.values()].sort((a, b) => a.depth - b.depth);
  return {
    id,
    label: RF_MODEL_LABELS[id],
    family: getModel(id).family,
    size,
    points,
    whole: points.find((p) => p.rf >= size) ?? null,
    totalMacs: macs,
  };
}

export function rfCurves(size: number): RfCurve[] {
  return RF_MODELS.map((id) => rfCurve(id, size));
}

/** One line about a point (hover, focus, live region). */
export function describePoint(c: RfCurve, p: RfPoint, formatMacs: (n: number) => string): string {
  const whole = p.rf >= c.size ? ', the whole image' : '';
  return `${c.label}, layer ${p.depth} (${p.name}, ${p.op}): receptive field ${p.rf}×${p.rf} px${whole}, jump ${p.jump}, after ${formatMacs(p.macs)} MACs`;
}
