/**
 * "Keep complexity constant": for a cardinality C, the bottleneck width d whose block has the
 * parameter count closest to ResNet's 1×64d block (the paper's Table 2: C = 1, 2, 4, 8, 32 give
 * d = 64, 40, 24, 14, 4 at ≈70k conv parameters for the conv2 template, 256-d in and out).
 *
 * The parameter count of a candidate is read from the spec (the grouped-conv form's conv weights);
 * the closed form C·(2wd + 9d²) only narrows the search to the two integers around its root.
 */
import { CONV2_TEMPLATE, formCost } from './forms';

export interface Solution {
  readonly C: number;
  readonly d: number;
  /** Conv parameters of the block at (C, d), from the spec. */
  readonly params: number;
  /** Conv parameters of the reference block (1×64d). */
  readonly target: number;
  /** params / target − 1. */
  readonly relative: number;
  /** Width of the grouped conv, C·d. */
  readonly groupWidth: number;
}

export const RESNET_REFERENCE = { C: 1, d: 64 } as const;

const convParams = (C: number, d: number, width: number) => formCost('c', { C, d, width, size: 32 }).convParams;

/** Real root of C·(2wd + 9d²) = target. */
export function analyticWidth(C: number, target: number, width: number): number {
  const a = 9 * C;
  const b = 2 * width * C;
  return (-b + Math.sqrt(b * b + 4 * a * target)) / (2 * a);
}

/** Integer d ≥ 1 with conv params closest to the 1×64d reference (ties: the smaller d). */
export function solveWidth(C: number, width: number = CONV2_TEMPLATE.width): Solution {
  const target = convParams(RESNET_REFERENCE.C, RESNET_REFERENCE.d, width);
  const root = analyticWidth(C, target, width);
  const candidates = [...new Set([Math.floor(root), Math.ceil(root)].map((d) => Math.max(1, d)))];
  let best: Solution | null = null;
  for (const d of candidates) {
    const params = convParams(C, d, width);
    const s: Solution = { C, d, params, target, relative: params / target - 1, groupWidth: C * d };
    if (!best || Math.abs(s.params - target) < Math.abs(best.params - target)) best = s;
  }
  return best!;
}

/** The paper's Table 2 cardinalities. */
export const TABLE2_CARDINALITIES = [1, 2, 4, 8, 32] as const;
