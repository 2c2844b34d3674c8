/**
 * A grouped convolution, as data (Krizhevsky et al. 2012 §3.2, Xie et al. 2017 Fig. 3c; PyTorch's
 * `nn.Conv2d(groups=G)`): G groups, group g reads input channels [g·cin/G, (g+1)·cin/G) and writes
 * output channels [g·cout/G, (g+1)·cout/G). Its weight, OIHW [cout, cin/G, k, k] as in PyTorch, is
 * the block-diagonal part of a dense [cout, cin, k, k] weight: zeros wherever output and input
 * channel lie in different groups.
 *
 * Parameters and MACs come from lib/arch's cost model, of a one-conv graph the spec's GraphBuilder
 * builds (the same node type every network's grouped 3×3 is); the widget never counts on its own.
 * Pure: no tfjs (./trace-tf.ts computes the outputs).
 */
import { GraphBuilder, convKind, nodeCost, type ConvKind, type Cost } from '@/lib/arch';
import { INPUT, type Graph } from '@/lib/arch/ir';

export interface GroupedShape {
  readonly cin: number;
  readonly cout: number;
  readonly G: number;
  readonly k: number;
  /** Height and width of the input (stride 1, padding k/2: the output has the same size). */
  readonly size: number;
}

/** The group counts a layer with these channels allows: the common divisors, ascending. */
export function validGroups(cin: number, cout: number): number[] {
  const out: number[] = [];
  for (let g = 1; g <= Math.min(cin, cout); g++) if (cin % g === 0 && cout % g === 0) out.push(g);
  return out;
}

/** G itself when it divides both counts, else the largest allowed count below it (`adjusted`). */
export function resolveGroups(cin: number, cout: number, G: number): { readonly G: number; readonly adjusted: boolean } {
  const ok = validGroups(cin, cout);
  if (ok.includes(G)) return { G, adjusted: false };
  const below = ok.filter((g) => g <= G);
  return { G: below.length ? below[below.length - 1] : 1, adjusted: true };
}

export interface GroupRange {
  readonly group: number;
  /** Input channels [inStart, inEnd) the group's filters read. */
  readonly inStart: number;
  readonly inEnd: number;
  /** Output channels [outStart, outEnd) it writes. */
  readonly outStart: number;
  readonly outEnd: number;
}

export function groupRanges(s: Pick<GroupedShape, 'cin' | 'cout' | 'G'>): GroupRange[] {
  const ci = s.cin / s.G;
  const co = s.cout / s.G;
  return Array.from({ length: s.G }, (_, g) => ({ group: g, inStart: g * ci, inEnd: (g + 1) * ci, outStart: g * co, outEnd: (g + 1) * co }));
}

/** The group an input (or output) channel belongs to. */
export const groupOfChannel = (c: number, channels: number, G: number) => Math.floor(c / (channels / G));

export interface GroupedCost {
  /** The grouped layer and the dense layer (G = 1) with the same channels, from lib/arch's cost model. */
  readonly grouped: Cost;
  readonly dense: Cost;
  /** What each group's filters own and compute: grouped / G. */
  readonly perGroup: { readonly params: number; readonly macs: number };
  /** convKind of the grouped layer: dense (G = 1), grouped, or depthwise (G = cin). */
  readonly kind: ConvKind;
}

/** Module name of the layer's conv: its weight is `conv.weight`, OIHW [cout, cin/G, k, k]. */
export const GROUPED_CONV = 'conv';

/** The layer as a one-node graph of the spec's GraphBuilder (what the cost model counts and the executor runs). */
export function groupedGraph(s: GroupedShape, groups = s.G): Graph {
  const b = new GraphBuilder(`grouped-conv-${s.cin}-${s.cout}-g${groups}-k${s.k}`, [s.cin, s.size, s.size]);
  return b.build(b.conv(GROUPED_CONV, INPUT, { outC: s.cout, k: s.k, groups }));
}

function convNodeCost(s: GroupedShape, groups: number): { cost: Cost; kind: ConvKind } {
  const node = groupedGraph(s, groups).nodes.find((n) => n.name === GROUPED_CONV)!;
  if (node.op.kind !== 'conv') throw new Error('the grouped layer is not a convolution');
  return { cost: nodeCost(node), kind: convKind(node.op) };
}

export function groupedCost(s: GroupedShape): GroupedCost {
  const grouped = convNodeCost(s, s.G);
  const dense = convNodeCost(s, 1);
  return {
    grouped: grouped.cost,
    dense: dense.cost,
    perGroup: { params: grouped.cost.params / s.G, macs: grouped.cost.macs / s.G },
    kind: grouped.kind,
  };
}

/** Step 0: the layer; steps 1..G: group g−1 computed; step G + 1: the three results compared. */
export type GroupedStep = { readonly kind: 'layer' } | { readonly kind: 'group'; readonly group: number } | { readonly kind: 'compare' };

export const groupedStepCount = (G: number) => G + 1;

export function groupedStepAt(step: number, G: number): GroupedStep {
  if (step <= 0) return { kind: 'layer' };
  if (step <= G) return { kind: 'group', group: step - 1 };
  return { kind: 'compare' };
}

/** Groups computed once `step` is shown. */
export const groupsDone = (step: number, G: number) => Math.max(0, Math.min(step, G));

/** Multiply-adds spent once `step` is shown: one group's share per group computed. */
export const macsDone = (step: number, s: Pick<GroupedShape, 'G'>, cost: GroupedCost) => groupsDone(step, s.G) * cost.perGroup.macs;

/** Index of w[o, ci, i, j] in the OIHW grouped weight [cout, cin/G, k, k]. */
const oihw = (s: GroupedShape, o: number, ci: number, i: number, j: number) => ((o * (s.cin / s.G) + ci) * s.k + i) * s.k + j;

/** Group g's own filter, HWIO [k, k, cin/G, cout/G] (tf.conv2d's layout), cut from the grouped weight. */
export function groupFilterHWIO(w: Float32Array, s: GroupedShape, g: number): Float32Array {
  const ci = s.cin / s.G;
  const co = s.cout / s.G;
  const f = new Float32Array(s.k * s.k * ci * co);
  for (let i = 0; i < s.k; i++)
    for (let j = 0; j < s.k; j++)
      for (let c = 0; c < ci; c++) for (let m = 0; m < co; m++) f[((i * s.k + j) * ci + c) * co + m] = w[oihw(s, g * co + m, c, i, j)];
  return f;
}

/** The dense weight HWIO [k, k, cin, cout] whose blocks on the diagonal are the groups' filters, zeros elsewhere. */
export function blockDiagonalHWIO(w: Float32Array, s: GroupedShape): Float32Array {
  const ci = s.cin / s.G;
  const co = s.cout / s.G;
  const f = new Float32Array(s.k * s.k * s.cin * s.cout);
  for (let g = 0; g < s.G; g++)
    for (let i = 0; i < s.k; i++)
      for (let j = 0; j < s.k; j++)
        for (let c = 0; c < ci; c++)
          for (let m = 0; m < co; m++) f[((i * s.k + j) * s.cin + g * ci + c) * s.cout + g * co + m] = w[oihw(s, g * co + m, c, i, j)];
  return f;
}

/**
 * The dense weight viewed as a cout × cin matrix (row o, column c): the mean |w| over the k×k taps
 * of the kernel that output o applies to input c, 0 off the diagonal blocks. What the figure draws.
 */
export function kernelMagnitudes(w: Float32Array, s: GroupedShape): Float32Array {
  const ci = s.cin / s.G;
  const m = new Float32Array(s.cout * s.cin);
  for (let o = 0; o < s.cout; o++) {
    const g = groupOfChannel(o, s.cout, s.G);
    for (let c = 0; c < ci; c++) {
      let sum = 0;
      for (let i = 0; i < s.k; i++) for (let j = 0; j < s.k; j++) sum += Math.abs(w[oihw(s, o, c, i, j)]);
      m[o * s.cin + g * ci + c] = sum / (s.k * s.k);
    }
  }
  return m;
}

/** Non-zero entries of the dense matrix view: cin·cout/G of cin·cout. */
export const blockDiagonalNonZeros = (s: Pick<GroupedShape, 'cin' | 'cout' | 'G'>) => (s.cin * s.cout) / s.G;
