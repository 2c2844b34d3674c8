/**
 * Display op kinds: the coarse categories the lab's charts colour and aggregate by.
 *
 * The IR has 15 op kinds; readers care about fewer, cost-relevant distinctions: a 1x1 conv, a
 * grouped conv and a depthwise conv have very different arithmetic intensity although they are all
 * `conv` in the IR. Classification reads `node.op` only, never node names (names are torchvision's
 * module paths and say nothing reliable about the op).
 */
import { convKind } from '../arch/conv-kind';
import type { Node, Op } from '../arch/ir';

export const DISPLAY_OP_KINDS = ['conv', 'conv1x1', 'grouped', 'depthwise', 'bn-act', 'add', 'data', 'pool', 'linear', 'other'] as const;
export type DisplayOpKind = (typeof DISPLAY_OP_KINDS)[number];

export const OP_KIND_LABELS: Record<DisplayOpKind, string> = {
  conv: 'Conv (k×k)',
  conv1x1: 'Conv 1×1',
  grouped: 'Grouped conv',
  depthwise: 'Depthwise conv',
  'bn-act': 'BatchNorm / activation',
  add: 'Add / multiply',
  data: 'Concat / slice / shuffle',
  pool: 'Pooling',
  linear: 'Linear',
  other: 'Other (flatten, dropout)',
};

/**
 * Colours per kind, one for light and one for dark backgrounds (Tableau-10-like hues; the dark
 * variants are lighter so small points keep contrast on slate-950). Used through CSS variables
 * (see kindColourVars) so charts switch with the `dark` class without re-rendering.
 */
export const OP_KIND_COLOURS: Record<DisplayOpKind, { readonly light: string; readonly dark: string }> = {
  conv: { light: '#1f5fa8', dark: '#6aa5eb' },
  conv1x1: { light: '#d66a00', dark: '#ffa54f' },
  grouped: { light: '#b8232f', dark: '#ff7b84' },
  depthwise: { light: '#0f7f78', dark: '#4fd1c5' },
  'bn-act': { light: '#3d8a2e', dark: '#86d072' },
  add: { light: '#a1800a', dark: '#f0cf4f' },
  data: { light: '#8a4f86', dark: '#d59ad0' },
  pool: { light: '#c2477a', dark: '#ff9dbf' },
  linear: { light: '#7a5a45', dark: '#c9a58c' },
  other: { light: '#6b7280', dark: '#a3a9b4' },
};

/** The CSS custom property that carries a kind's colour, e.g. `--lab-kind-conv1x1`. */
export function kindColourVar(kind: DisplayOpKind): string {
  return `--lab-kind-${kind}`;
}

/** `var(--lab-kind-…)` for use as a fill/stroke. */
export function kindColour(kind: DisplayOpKind): string {
  return `var(${kindColourVar(kind)})`;
}

/** The variables for one theme, to put in a style attribute. */
export function kindColourVars(theme: 'light' | 'dark'): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const k of DISPLAY_OP_KINDS) vars[kindColourVar(k)] = OP_KIND_COLOURS[k][theme];
  return vars;
}

/** Classifies an op (the part of a node that matters). */
export function opKindOfOp(op: Op): DisplayOpKind {
  switch (op.kind) {
    case 'conv': {
      // Grouped and depthwise convs keep their own kinds; dense ones split by kernel size.
      const kind = convKind(op);
      if (kind !== 'dense') return kind;
      return op.kernel[0] === 1 && op.kernel[1] === 1 ? 'conv1x1' : 'conv';
    }
    case 'bn':
    case 'act':
      return 'bn-act';
    case 'add':
    case 'mul':
      return 'add';
    case 'concat':
    case 'slice':
    case 'shuffle':
      return 'data';
    case 'maxpool':
    case 'avgpool':
    case 'gap':
      return 'pool';
    case 'linear':
      return 'linear';
    case 'flatten':
    case 'dropout':
      return 'other';
  }
}

/** Display kind of an IR node, from node.op only. */
export function opKindOf(node: Pick<Node, 'op'>): DisplayOpKind {
  return opKindOfOp(node.op);
}
