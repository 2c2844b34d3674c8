import { MIN_SIZE } from '@/lib/arch';
import { enumP, intP } from '@/lib/url-state/schema';
import { seedParam } from '@/lib/url-state/common-params';
import type { WidgetMeta } from '@/lib/widgets/types';

/** Channel counts and kernels the figure offers (every channel is drawn as a tile). */
export const SEP_IN_CHANNELS = ['2', '3', '4', '6', '8'] as const;
export const SEP_OUT_CHANNELS = ['2', '4', '8', '16'] as const;
export const SEP_KERNELS = ['3', '5'] as const;
/** Height and width of the seeded input, the smallest the spec builds (stride 1, padding k/2: the outputs are as large). */
export const SEP_SIZE = MIN_SIZE;
/** The most steps any choice has: cin depthwise + cout pointwise + the totals. */
export const SEP_MAX_STEP = 8 + 16 + 1;

/** The depthwise-then-pointwise widget's whole state (URL parameters of its embed page). */
export const depthwiseSeparableSchema = {
  cin: enumP(SEP_IN_CHANNELS, '4', 'input channels M (the depthwise step has one k×k filter per channel)'),
  cout: enumP(SEP_OUT_CHANNELS, '8', 'output channels N (the pointwise 1×1 step mixes the M channels into each)'),
  k: enumP(SEP_KERNELS, '3', 'kernel size k of the depthwise and of the full convolution'),
  seed: seedParam(1, 'seed of the weights and of the input'),
  step: intP(0, SEP_MAX_STEP, 0, 'steps shown: 0 = the input, then one per depthwise channel, one per pointwise output, and the totals'),
} as const;

export type DepthwiseSeparableSchema = typeof depthwiseSeparableSchema;

export const depthwiseSeparableMeta: WidgetMeta<DepthwiseSeparableSchema> = {
  id: 'depthwise-separable',
  title: 'Depthwise then pointwise, step by step',
  description:
    'A depthwise separable convolution computed channel by channel in TensorFlow.js on a small tensor, its multiply-adds counted as they happen against those of a full convolution with the same output.',
  schema: depthwiseSeparableSchema,
  usesWebcam: false,
  usesTfjs: true,
};
