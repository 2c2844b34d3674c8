/** Human-readable and JSON summaries of a graph (used by the CLI and the lesson tables). */
import { formatBytes, formatCount, formatInt } from '../format';
import type { Graph, Op } from './ir';
import { convKind } from './conv-kind';
import { graphCost } from './cost';

export interface LayerSummary {
  readonly name: string;
  readonly op: Op['kind'];
  readonly outShape: readonly number[];
  readonly params: number;
  readonly macs: number;
}

export interface GraphSummary {
  readonly id: string;
  readonly input: readonly number[];
  readonly params: number;
  readonly macs: number;
  readonly layers: readonly LayerSummary[];
}

export function summarize(graph: Graph): GraphSummary {
  const cost = graphCost(graph);
  return {
    id: graph.id,
    input: graph.input,
    params: cost.total.params,
    macs: cost.total.macs,
    layers: graph.nodes.map((n) => {
      const c = cost.perNode.get(n.name)!;
      return { name: n.name, op: n.op.kind, outShape: n.outShape, params: c.params, macs: c.macs };
    }),
  };
}

/** Short op description, e.g. `conv 3x3/2 g32`, `maxpool 3x3/2`, `linear`. */
export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'conv': {
      const kind = convKind(op);
      const g = kind === 'dense' ? '' : kind === 'depthwise' ? ' dw' : ` g${op.groups}`;
      return `conv ${op.kernel[0]}x${op.kernel[1]}/${op.stride[0]}${g}${op.bias ? ' +b' : ''}`;
    }
    case 'maxpool':
    case 'avgpool':
      return `${op.kind} ${op.kernel[0]}x${op.kernel[1]}/${op.stride[0]}`;
    case 'act':
      return op.fn;
    case 'slice':
      return `slice ${op.start}+${op.size}`;
    case 'shuffle':
      return `shuffle g${op.groups}`;
    default:
      return op.kind;
  }
}

const int = formatInt;

/** A per-layer text table with stage subtotals and totals. */
export function formatSummary(graph: Graph): string {
  const cost = graphCost(graph);
  const rows: string[][] = [];
  const byId = new Map(graph.groups.map((g) => [g.id, g]));
  const top = (id: string | null) => {
    let g = id === null ? undefined : byId.get(id);
    while (g && g.parent !== null) g = byId.get(g.parent);
    return g?.id ?? 'other';
  };
  const stageOf = new Map(cost.stages.map((s) => [s.group, s]));
  let current: string | undefined;
  const flush = () => {
    const s = current === undefined ? undefined : stageOf.get(current);
    if (s) rows.push([`  = ${s.label}`, '', '', int(s.params), int(s.macs)], []);
  };
  for (const n of graph.nodes) {
    const t = top(n.group);
    if (t !== current) {
      flush();
      current = t;
    }
    const c = cost.perNode.get(n.name)!;
    rows.push([n.name, describeOp(n.op), `[${n.outShape.join(', ')}]`, c.params ? int(c.params) : '', c.macs ? int(c.macs) : '']);
  }
  flush();
  const header = ['layer', 'op', 'out shape', 'params', 'MACs'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.length === 0
      ? ''
      : r
          .map((v, i) => (i >= 3 ? v.padStart(widths[i]) : v.padEnd(widths[i])))
          .join('  ')
          .trimEnd();
  const t = cost.total;
  return [
    `${graph.id}  input [${graph.input.join(', ')}]`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `Total params: ${int(t.params)} (${formatCount(t.params)})`,
    `Total MACs:   ${int(t.macs)} (${formatCount(t.macs)}), FLOPs = 2 x MACs = ${formatCount(t.flops)}`,
    `Other ops (BN, activations, adds, pooling): ${formatCount(t.otherOps)}`,
    `Memory access (float32, inputs + outputs + weights): ${formatBytes(t.memBytes)}`,
  ].join('\n');
}
