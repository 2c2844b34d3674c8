/**
 * Cost model, per node, from the op and its shapes only.
 *
 * - params: learnable tensors (conv weight (+bias), BN weight+bias = 2C, linear weight+bias).
 *   BN running statistics are buffers, not parameters (as in torchvision's counts).
 * - macs: torchvision's convention (the "GFLOPS" column of its docs): conv =
 *   outH·outW·outC·(inC/groups)·kh·kw, linear = in·out, bias adds and everything else 0.
 * - flops = 2·macs (one multiply and one add per MAC), reported separately.
 * - otherOps: element-wise work the MAC count ignores: BN 1 per output element (folded
 *   scale-and-shift), activations 1, add (n-1) per element, SE mul 1, pooling kh·kw per output
 *   element, global average pooling 1 per input element. Concat/slice/shuffle/flatten/dropout: 0.
 * - memBytes: memory access cost in the sense of ShuffleNet v2 (Ma et al. 2018, Sec. 2, G1-G4):
 *   float32 bytes read and written = inputs + output + weights (BN: its 4 vectors, the running
 *   stats are read at inference). Views and eval-mode identities (flatten, dropout, slice =
 *   x.chunk) move nothing and cost 0; concat and channel shuffle copy their input.
 */
import type { Graph, Group, Node, Shape } from './ir';

export interface Cost {
  readonly params: number;
  readonly macs: number;
  readonly flops: number;
  readonly otherOps: number;
  readonly memBytes: number;
}

export const ZERO_COST: Cost = { params: 0, macs: 0, flops: 0, otherOps: 0, memBytes: 0 };

const BYTES = 4;
const numel = (s: Shape) => s.reduce((a, b) => a * b, 1);

export function sumCosts(a: Cost, b: Cost): Cost {
  return {
    params: a.params + b.params,
    macs: a.macs + b.macs,
    flops: a.flops + b.flops,
    otherOps: a.otherOps + b.otherOps,
    memBytes: a.memBytes + b.memBytes,
  };
}

export function nodeCost(node: Node): Cost {
  const op = node.op;
  const out = numel(node.outShape);
  const inp = node.inShapes.reduce((a, s) => a + numel(s), 0);
  const io = (inp + out) * BYTES;
  let params = 0;
  let macs = 0;
  let otherOps = 0;
  let memBytes = io;
  switch (op.kind) {
    case 'conv': {
      const kk = op.kernel[0] * op.kernel[1];
      params = op.outC * (op.inC / op.groups) * kk + (op.bias ? op.outC : 0);
      macs = out * (op.inC / op.groups) * kk;
      memBytes = io + params * BYTES;
      break;
    }
    case 'bn':
      params = 2 * op.channels;
      otherOps = out;
      memBytes = io + 4 * op.channels * BYTES;
      break;
    case 'linear':
      params = op.inF * op.outF + (op.bias ? op.outF : 0);
      macs = op.inF * op.outF;
      memBytes = io + params * BYTES;
      break;
    case 'act':
    case 'mul':
      otherOps = out;
      break;
    case 'add':
      otherOps = out * (node.inputs.length - 1);
      break;
    case 'maxpool':
    case 'avgpool':
      otherOps = out * op.kernel[0] * op.kernel[1];
      break;
    case 'gap':
      otherOps = inp;
      break;
    case 'concat':
    case 'shuffle':
      break;
    case 'flatten':
    case 'dropout':
    case 'slice':
      memBytes = 0;
      break;
  }
  return { params, macs, flops: 2 * macs, otherOps, memBytes };
}

export interface StageCost extends Cost {
  /** Top-level group id (`stem`, `layer1`, `features.denseblock1`, `head`...), or `other`. */
  readonly group: string;
  readonly label: string;
}

export interface GraphCost {
  readonly total: Cost;
  readonly perNode: ReadonlyMap<string, Cost>;
  /** Subtotals per top-level group, in graph order. */
  readonly stages: readonly StageCost[];
}

/** The outermost group containing a node (its "stage" for subtotals). */
export function topGroup(groups: readonly Group[], id: string | null): Group | null {
  if (id === null) return null;
  const byId = new Map(groups.map((g) => [g.id, g]));
  let g = byId.get(id) ?? null;
  while (g && g.parent !== null) g = byId.get(g.parent) ?? null;
  return g;
}

export function graphCost(graph: Graph): GraphCost {
  const perNode = new Map<string, Cost>();
  const byId = new Map(graph.groups.map((g) => [g.id, g]));
  const top = (id: string | null): Group | null => {
    let g = id === null ? null : (byId.get(id) ?? null);
    while (g && g.parent !== null) g = byId.get(g.parent) ?? null;
    return g;
  };
  const stages = new Map<string, StageCost>();
  let total = ZERO_COST;
  for (const n of graph.nodes) {
    const c = nodeCost(n);
    perNode.set(n.name, c);
    total = sumCosts(total, c);
    const g = top(n.group);
    const key = g?.id ?? 'other';
    const prev = stages.get(key) ?? { ...ZERO_COST, group: key, label: g?.label ?? 'Other' };
    stages.set(key, { ...sumCosts(prev, c), group: key, label: prev.label });
  }
  return { total, perNode, stages: [...stages.values()] };
}
