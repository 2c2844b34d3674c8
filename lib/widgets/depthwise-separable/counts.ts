/**
 * A depthwise separable convolution against a full one, as data (Howard et al. 2017, MobileNets,
 * Sec. 3.1; MnasNet's SepConv and Conv choices, Tan et al. 2019 Sec. 4.1). On an input of M
 * channels and D_F × D_F pixels, with k × k kernels and N outputs (stride 1, padding k/2):
 *
 *   full convolution    D_F² · M · N · k²           multiply-adds (MobileNets eq. 2)
 *   depthwise           D_F² · M · k²               one k×k filter per input channel (eq. 3)
 *   pointwise           D_F² · M · N                a 1×1 convolution mixing the M channels
 *   ratio               (D_F²·M·k² + D_F²·M·N) / (D_F²·M·N·k²) = 1/N + 1/k²        (eq. 5)
 *
 * The counts are never typed here: both layers are built with the spec's own MnasNet blocks
 * (lib/arch/blocks/mbconv.ts `sepconv` and `convLayer`), and lib/arch's cost model counts their
 * convolutions, found by convKind (never by name). The steps split those totals evenly: one input
 * channel per depthwise step, one output channel per pointwise step. Pure: no tfjs.
 */
import { GraphBuilder, convKind, convLayer, nodeCost, sepconv, type Cost } from '@/lib/arch';
import { INPUT, type Graph, type Node } from '@/lib/arch/ir';

export interface SepShape {
  /** Input channels M. */
  readonly cin: number;
  /** Output channels N. */
  readonly cout: number;
  readonly k: number;
  /** D_F: height and width of the input (and of the outputs). */
  readonly size: number;
}

/** The two layers as MnasNet's search space builds them: SepConv (k×k depthwise-BN-ReLU, 1×1-BN) and Conv (k×k conv-BN-ReLU). */
export function separableGraphs(s: SepShape): { readonly separable: Graph; readonly full: Graph } {
  const cfg = { outC: s.cout, kernel: s.k, stride: 1, se: 0, residual: false };
  const sep = new GraphBuilder(`sepconv-${s.cin}-${s.cout}-k${s.k}`, [s.cin, s.size, s.size]);
  const full = new GraphBuilder(`conv-${s.cin}-${s.cout}-k${s.k}`, [s.cin, s.size, s.size]);
  return { separable: sep.build(sepconv(sep, 'sep', INPUT, cfg)), full: full.build(convLayer(full, 'conv', INPUT, cfg)) };
}

/** The layers' convolutions, picked by kind: the separable layer's depthwise and 1×1, the full layer's k×k. */
export function separableConvs(s: SepShape): { readonly depthwise: Node; readonly pointwise: Node; readonly full: Node } {
  const g = separableGraphs(s);
  const convs = (graph: Graph) => graph.nodes.filter((n) => n.op.kind === 'conv');
  const kindOf = (n: Node) => (n.op.kind === 'conv' ? convKind(n.op) : null);
  const depthwise = convs(g.separable).find((n) => kindOf(n) === 'depthwise');
  const pointwise = convs(g.separable).find((n) => kindOf(n) === 'dense');
  const full = convs(g.full).find((n) => kindOf(n) === 'dense');
  if (!depthwise || !pointwise || !full) throw new Error('the spec’s SepConv or Conv layer lacks an expected convolution');
  return { depthwise, pointwise, full };
}

export interface SepCost {
  readonly depthwise: Cost;
  readonly pointwise: Cost;
  readonly full: Cost;
  /** Multiply-adds of one depthwise step (one input channel) and one pointwise step (one output channel); one full-conv output channel. */
  readonly perDepthwiseChannel: number;
  readonly perPointwiseOutput: number;
  readonly perFullOutput: number;
}

export function separableCost(s: SepShape): SepCost {
  const c = separableConvs(s);
  const depthwise = nodeCost(c.depthwise);
  const pointwise = nodeCost(c.pointwise);
  const full = nodeCost(c.full);
  return {
    depthwise,
    pointwise,
    full,
    perDepthwiseChannel: depthwise.macs / s.cin,
    perPointwiseOutput: pointwise.macs / s.cout,
    perFullOutput: full.macs / s.cout,
  };
}

/** Measured ratio, separable / full multiply-adds. */
export const macRatio = (c: SepCost) => (c.depthwise.macs + c.pointwise.macs) / c.full.macs;
/** MobileNets eq. 5: 1/N + 1/k². */
export const paperRatio = (s: Pick<SepShape, 'cout' | 'k'>) => 1 / s.cout + 1 / (s.k * s.k);

/** Step 0: the input; 1..M: depthwise channel; M+1..M+N: pointwise output; M+N+1: the totals. */
export type SepStep =
  | { readonly kind: 'input' }
  | { readonly kind: 'depthwise'; readonly channel: number }
  | { readonly kind: 'pointwise'; readonly output: number }
  | { readonly kind: 'total' };

export const sepStepCount = (s: Pick<SepShape, 'cin' | 'cout'>) => s.cin + s.cout + 1;

export function sepStepAt(step: number, s: Pick<SepShape, 'cin' | 'cout'>): SepStep {
  if (step <= 0) return { kind: 'input' };
  if (step <= s.cin) return { kind: 'depthwise', channel: step - 1 };
  if (step <= s.cin + s.cout) return { kind: 'pointwise', output: step - s.cin - 1 };
  return { kind: 'total' };
}

/** Depthwise channels and pointwise outputs computed once `step` is shown. */
export function sepProgress(step: number, s: Pick<SepShape, 'cin' | 'cout'>): { readonly channels: number; readonly outputs: number } {
  return { channels: Math.max(0, Math.min(step, s.cin)), outputs: Math.max(0, Math.min(step - s.cin, s.cout)) };
}

export interface SepCounters {
  readonly depthwise: number;
  readonly pointwise: number;
  /** depthwise + pointwise. */
  readonly separable: number;
  /** What a full convolution spends on the output channels finished so far. */
  readonly full: number;
}

/** The running multiply-add counters once `step` is shown. */
export function countersAt(step: number, s: Pick<SepShape, 'cin' | 'cout'>, c: SepCost): SepCounters {
  const p = sepProgress(step, s);
  const depthwise = p.channels * c.perDepthwiseChannel;
  const pointwise = p.outputs * c.perPointwiseOutput;
  return { depthwise, pointwise, separable: depthwise + pointwise, full: p.outputs * c.perFullOutput };
}
