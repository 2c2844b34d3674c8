/**
 * One mobile inverted bottleneck (MBConv; Sandler et al. 2018, "MobileNetV2: Inverted Residuals and
 * Linear Bottlenecks", arXiv:1801.04381, Sec. 3.2-3.3 and Table 1; MnasNet's MBConv, Tan et al. 2019)
 * as the spec builds it (lib/arch/blocks/mbconv.ts, torchvision's _InvertedResidual), cut into the
 * stages the widget steps through, each found by op and convKind (never by name):
 *
 *   expand     1×1 conv C_in → t·C_in, BN, ReLU
 *   depthwise  k×k depthwise conv (stride s) on t·C_in channels, BN, ReLU
 *   project    1×1 conv t·C_in → C_out, BN, and no activation: the linear bottleneck (Sec. 3.2:
 *              a ReLU in the narrow space would destroy information)
 *   add        x + F(x), only where s = 1 and C_in = C_out (Sec. 3.3, Fig. 4)
 *
 * MobileNetV2 uses ReLU6; torchvision's MNASNet and this spec use ReLU. MACs and element-wise ops
 * per stage come from the cost model (lib/arch/cost.ts nodeCost). Pure: no tfjs.
 */
import { convKind, GraphBuilder, groupsWithRole, INPUT, mbconv, nodeCost, nodesInGroup, type Graph, type Node } from '@/lib/arch';
import { MNASNET_BN_MOMENTUM } from '@/lib/arch/mnasnet';

export interface MBConvKnobs {
  readonly cin: number;
  readonly cout: number;
  /** Expansion t (MnasNet's E). */
  readonly t: number;
  readonly kernel: number;
  readonly stride: number;
  readonly size: number;
}

export const STAGE_KINDS = ['expand', 'depthwise', 'project', 'add'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface Stage {
  readonly kind: StageKind;
  /** The stage's nodes in forward order (conv, BN, activation; or the add). */
  readonly nodes: readonly string[];
  /** The node whose output is the stage's output. */
  readonly output: string;
  /** Input shape [C, H, W] (of the stage's first node; the add's first input is F(x)). */
  readonly inShape: readonly number[];
  /** Output shape [C, H, W]. */
  readonly outShape: readonly number[];
  /** The stage's op kinds, for its label ("conv 1x1", "bn", "relu"). */
  readonly ops: readonly Node['op'][];
  readonly macs: number;
  /** BN, activation and add work (the cost model's otherOps). */
  readonly otherOps: number;
  readonly params: number;
  /** Whether the stage ends in an activation (false for the linear projection and the add). */
  readonly activated: boolean;
}

/** The block's module prefix (its nodes are `block.layers.0..7` and `block.add`, torchvision's layout). */
export const MBCONV_BLOCK = 'block';

/**
 * The spec's MBConv on C_in×size×size, with the identity residual asked for (the spec adds it only
 * where the stride is 1 and the channels match) and no squeeze-and-excitation.
 */
export function mbconvGraph(s: MBConvKnobs): Graph {
  const b = new GraphBuilder('inverted-residual', [s.cin, s.size, s.size], { bnMomentum: MNASNET_BN_MOMENTUM });
  const out = mbconv(b, MBCONV_BLOCK, INPUT, { outC: s.cout, kernel: s.kernel, stride: s.stride, se: 0, residual: true, expansion: s.t });
  return b.build(out);
}

/** MobileNetV2 Sec. 3.3: the shortcut exists only where input and output have the same shape. */
export function hasResidual(s: Pick<MBConvKnobs, 'cin' | 'cout' | 'stride'>): boolean {
  return s.stride === 1 && s.cin === s.cout;
}

/** The stages of an mbconv group of any graph (default: the first), in forward order. */
export function stagesOf(graph: Graph, groupId = groupsWithRole(graph, 'mbconv')[0]?.id): Stage[] {
  if (!groupId) throw new Error(`${graph.id} has no MBConv block`);
  const nodes = nodesInGroup(graph, groupId);
  const runs: Node[][] = [];
  for (const n of nodes) {
    if (n.op.kind === 'conv' || n.op.kind === 'add' || runs.length === 0) runs.push([n]);
    else runs.at(-1)!.push(n);
  }
  const convs = runs.filter((r) => r[0].op.kind === 'conv');
  if (convs.length !== 3) throw new Error(`${groupId}: an MBConv has 3 convolutions (expand, depthwise, project), found ${convs.length}`);
  return runs.map((r): Stage => {
    const first = r[0];
    const kind: StageKind =
      first.op.kind === 'add'
        ? 'add'
        : first.op.kind === 'conv' && convKind(first.op) === 'depthwise'
          ? 'depthwise'
          : first === convs[0][0]
            ? 'expand'
            : 'project';
    const cost = r.map(nodeCost);
    const last = r.at(-1)!;
    return {
      kind,
      nodes: r.map((n) => n.name),
      output: last.name,
      inShape: first.inShapes[0],
      outShape: last.outShape,
      ops: r.map((n) => n.op),
      macs: cost.reduce((a, c) => a + c.macs, 0),
      otherOps: cost.reduce((a, c) => a + c.otherOps, 0),
      params: cost.reduce((a, c) => a + c.params, 0),
      activated: last.op.kind === 'act',
    };
  });
}

/** Channel widths of the block's tensors, input first: C_in, t·C_in, t·C_in, C_out (and C_out after the add). */
export function stageWidths(stages: readonly Stage[]): number[] {
  return [stages[0].inShape[0], ...stages.map((s) => s.outShape[0])];
}

/** Steps the reader goes through: 0 (the input) to the last stage. */
export function stepCount(stages: readonly Stage[]): number {
  return stages.length;
}

/** Each conv stage's share of the block's MACs. */
export function macShares(stages: readonly Stage[]): number[] {
  const total = stages.reduce((a, s) => a + s.macs, 0);
  return stages.map((s) => (total > 0 ? s.macs / total : 0));
}

/** A real MBConv layer of a registered network: the first of its mbconv groups with expansion t and kernel k. */
export function findMBConv(graph: Graph, t: number, kernel: number): { group: string; stages: Stage[] } | null {
  for (const g of groupsWithRole(graph, 'mbconv')) {
    const stages = stagesOf(graph, g.id);
    const dw = stages.find((s) => s.kind === 'depthwise')!;
    const dwOp = dw.ops[0];
    if (dwOp.kind === 'conv' && dwOp.kernel[0] === kernel && dwOp.outC === t * stages[0].inShape[0]) return { group: g.id, stages };
  }
  return null;
}

/** A stage's ops in words, from the ops themselves: "5×5 depthwise conv /2 → BN → ReLU", "1×1 conv → BN". */
export function stageOps(stage: Stage): string {
  return stage.ops
    .map((op) => {
      switch (op.kind) {
        case 'conv':
          return `${op.kernel[0]}×${op.kernel[1]} ${convKind(op) === 'depthwise' ? 'depthwise ' : ''}conv${op.stride[0] > 1 ? ` /${op.stride[0]}` : ''}`;
        case 'bn':
          return 'BN';
        case 'act':
          return op.fn === 'relu' ? 'ReLU' : op.fn === 'relu6' ? 'ReLU6' : op.fn;
        case 'add':
          return '+ x';
        default:
          return op.kind;
      }
    })
    .join(' → ');
}

/** What each stage is called in the widget. */
export const STAGE_NAMES: Readonly<Record<StageKind, string>> = {
  expand: 'Expand',
  depthwise: 'Depthwise',
  project: 'Project (linear)',
  add: 'Residual add',
};
