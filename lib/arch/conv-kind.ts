/**
 * The one classification of a convolution, used by every consumer (cost tables, the lab's op
 * kinds, the runtime's kernel choice and fusion, the graph's labels). It reads the op only.
 *
 * - dense: groups = 1, every output channel reads every input channel;
 * - depthwise: groups = inC > 1, every input channel convolved on its own (MobileNet, ShuffleNet v2
 *   branches, MnasNet); a channel multiplier (outC = m·inC) is still depthwise;
 * - grouped: 1 < groups < inC, the C parallel paths of ResNeXt's aggregated transform (Xie et al.
 *   2017, Fig. 3c).
 */
import type { ConvOp, Op } from './ir';

export const CONV_KINDS = ['dense', 'grouped', 'depthwise'] as const;
export type ConvKind = (typeof CONV_KINDS)[number];

export function convKind(op: Pick<ConvOp, 'groups' | 'inC'>): ConvKind {
  if (op.groups <= 1) return 'dense';
  return op.groups === op.inC ? 'depthwise' : 'grouped';
}

/** convKind of an op, or null when it is not a convolution. */
export function convKindOf(op: Op): ConvKind | null {
  return op.kind === 'conv' ? convKind(op) : null;
}
