/**
 * Time by op kind, in the coarse categories of ShuffleNet v2's Figure 2 (Ma et al. 2018): the
 * convolutions FLOPs count, and the element-wise and data-movement work they do not.
 *
 * Built on lib/lab's display kinds (op-kind.ts) and per-kind totals (profile-stats.ts), so the
 * classification reads node.op only. Depthwise convolutions get their own category: they are
 * convolutions with FLOPs, but the paper counts them with the element-wise operations for their
 * high memory-access-to-FLOPs ratio (G4). There is no separate "pad" here: the runtime pads inside
 * each convolution kernel. No tfjs here.
 */
import type { DisplayOpKind } from '@/lib/lab/op-kind';
import type { KindTotal } from '@/lib/lab/profile-stats';

export const BREAKDOWN_CATEGORIES = ['conv', 'depthwise', 'elementwise', 'data', 'other'] as const;
export type BreakdownCategory = (typeof BREAKDOWN_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<BreakdownCategory, string>> = {
  conv: 'Convolution (1×1 and 3×3 dense)',
  depthwise: 'Depthwise convolution',
  elementwise: 'Element-wise (BatchNorm, ReLU)',
  data: 'Data movement (split, concat, shuffle)',
  other: 'Other (pooling, classifier)',
};

/** Light and dark colours per category (the lab's kind colours where a kind maps 1:1). */
export const CATEGORY_COLOURS: Readonly<Record<BreakdownCategory, { readonly light: string; readonly dark: string }>> = {
  conv: { light: '#d66a00', dark: '#ffa54f' },
  depthwise: { light: '#0f7f78', dark: '#4fd1c5' },
  elementwise: { light: '#3d8a2e', dark: '#86d072' },
  data: { light: '#8a4f86', dark: '#d59ad0' },
  other: { light: '#6b7280', dark: '#a3a9b4' },
};

export function categoryOf(kind: DisplayOpKind): BreakdownCategory {
  switch (kind) {
    case 'conv':
    case 'conv1x1':
    case 'grouped':
      return 'conv';
    case 'depthwise':
      return 'depthwise';
    case 'bn-act':
    case 'add':
      return 'elementwise';
    case 'data':
      return 'data';
    case 'pool':
    case 'linear':
    case 'other':
      return 'other';
  }
}

export interface CategoryTotal {
  readonly category: BreakdownCategory;
  readonly label: string;
  readonly layers: number;
  readonly ms: number;
  readonly macs: number;
  /** Share of the summed layer time (0..1). */
  readonly msShare: number;
  /** Share of the model's MACs (0..1): what a FLOPs count would predict. */
  readonly macsShare: number;
}

/** Per-category totals from lib/lab's per-kind totals, in BREAKDOWN_CATEGORIES order. */
export function totalsByCategory(kinds: readonly KindTotal[]): CategoryTotal[] {
  const sumMs = kinds.reduce((s, k) => s + k.ms, 0);
  const sumMacs = kinds.reduce((s, k) => s + k.macs, 0);
  return BREAKDOWN_CATEGORIES.map((category) => {
    const ks = kinds.filter((k) => categoryOf(k.kind) === category);
    const ms = ks.reduce((s, k) => s + k.ms, 0);
    const macs = ks.reduce((s, k) => s + k.macs, 0);
    return {
      category,
      label: CATEGORY_LABELS[category],
      layers: ks.reduce((s, k) => s + k.layers, 0),
      ms,
      macs,
      msShare: sumMs > 0 ? ms / sumMs : 0,
      macsShare: sumMacs > 0 ? macs / sumMacs : 0,
    };
  }).filter((c) => c.layers > 0);
}

export const BREAKDOWN_SIZES = ['64', '96', '128', '160', '224'] as const;

/** Warm-up and timed passes of the layer-by-layer profile. */
export function profilePlan(reduced: boolean): { warmup: number; repeats: number } {
  return reduced ? { warmup: 1, repeats: 2 } : { warmup: 2, repeats: 5 };
}
