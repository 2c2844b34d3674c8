/**
 * How each edge kind is drawn and explained. Tailwind classes (not hard-coded colours) so every
 * stroke has a dark-mode variant; the full class strings must appear literally for Tailwind to
 * generate them. Each kind also differs by dash pattern, so the legend works without colour.
 */
import type { EdgeKind } from '@/lib/graph';

export interface EdgeStyle {
  readonly label: string;
  readonly description: string;
  readonly stroke: string;
  readonly fill: string;
  readonly dash?: string;
}

export const EDGE_STYLE: Readonly<Record<EdgeKind, EdgeStyle>> = {
  seq: {
    label: 'Sequential',
    description: 'the output of one layer feeds the next',
    stroke: 'stroke-slate-400 dark:stroke-slate-500',
    fill: 'fill-slate-400 dark:fill-slate-500',
  },
  concat: {
    label: 'Concatenation',
    description: 'channels stacked side by side (DenseNet: every earlier layer of the block; ShuffleNet: the two branches)',
    stroke: 'stroke-emerald-600 dark:stroke-emerald-400',
    fill: 'fill-emerald-600 dark:fill-emerald-400',
  },
  add: {
    label: 'Addition',
    description: 'residual connection: the shortcut is summed element-wise with the block output',
    stroke: 'stroke-orange-500 dark:stroke-orange-400',
    fill: 'fill-orange-500 dark:fill-orange-400',
  },
  split: {
    label: 'Channel split',
    description: 'each half of the channels takes its own path (ShuffleNet v2)',
    stroke: 'stroke-sky-600 dark:stroke-sky-400',
    fill: 'fill-sky-600 dark:fill-sky-400',
    dash: '6 3',
  },
  shuffle: {
    label: 'Channel shuffle',
    description: 'channels of the two branches interleaved so information crosses between them',
    stroke: 'stroke-fuchsia-600 dark:stroke-fuchsia-400',
    fill: 'fill-fuchsia-600 dark:fill-fuchsia-400',
    dash: '2 3',
  },
  se: {
    label: 'Squeeze-and-excitation',
    description: 'a side path pools each channel, learns a weight per channel and scales the features by it',
    stroke: 'stroke-amber-500 dark:stroke-amber-300',
    fill: 'fill-amber-500 dark:fill-amber-300',
    dash: '7 2 1.5 2',
  },
};

/** A valid, page-unique SVG id prefix from React's useId (which may contain colons or «»). */
export const svgId = (reactId: string) => `ag${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
