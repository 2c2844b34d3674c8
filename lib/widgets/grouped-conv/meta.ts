import { MIN_SIZE } from '@/lib/arch';
import { enumP, intP } from '@/lib/url-state/schema';
import { seedParam } from '@/lib/url-state/common-params';
import type { WidgetMeta } from '@/lib/widgets/types';

/** Channel counts the figure offers (small enough to draw every channel and every kernel). */
export const GROUPED_CHANNELS = ['4', '6', '8', '12'] as const;
export const GROUPED_KERNELS = ['1', '3'] as const;
/** Spatial size of the seeded input, the smallest the spec builds (each channel is drawn as a tile of that many cells a side). */
export const GROUPED_SIZE = MIN_SIZE;
/** The most groups any channel choice allows (G divides both counts). */
export const GROUPED_MAX_G = 12;

/** The grouped convolution widget's whole state (URL parameters of its embed page). */
export const groupedConvSchema = {
  cin: enumP(GROUPED_CHANNELS, '8', 'input channels'),
  cout: enumP(GROUPED_CHANNELS, '8', 'output channels'),
  G: intP(1, GROUPED_MAX_G, 4, 'groups G; it must divide both channel counts (otherwise the largest G below it that does is used, with a notice)'),
  k: enumP(GROUPED_KERNELS, '3', 'kernel size k (k×k, stride 1, padding k/2)'),
  seed: seedParam(1, 'seed of the weights and of the input'),
  step: intP(0, GROUPED_MAX_G + 1, 0, 'steps shown: 0 = the layer, g = groups 1..g computed, G + 1 = the three results compared'),
} as const;

export type GroupedConvSchema = typeof groupedConvSchema;

export const groupedConvMeta: WidgetMeta<GroupedConvSchema> = {
  id: 'grouped-conv',
  title: 'Grouped convolution, step by step',
  description:
    'A grouped convolution computed group by group in TensorFlow.js on a small tensor: which input channels each group reads, and the same result as G separate convolutions and as one convolution with a block-diagonal weight.',
  schema: groupedConvSchema,
  usesWebcam: false,
  usesTfjs: true,
};
