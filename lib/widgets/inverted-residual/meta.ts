import { MIN_SIZE, MNAS_CONV_OPS, MNAS_KERNELS } from '@/lib/arch';
import { seedParam } from '@/lib/url-state/common-params';
import { enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/**
 * MnasNet's expansion choices (the search space's MBConv3 and MBConv6, Tan et al. 2019 Sec. 4.1),
 * read from the spec's op list; MBConv1 has no widening to show.
 */
export const MBCONV_EXPANSIONS = MNAS_CONV_OPS.filter((op) => op.startsWith('mbconv'))
  .map((op) => op.slice('mbconv'.length))
  .filter((e) => e !== '1');
export const MBCONV_KERNELS = MNAS_KERNELS.map(String);
export const MBCONV_STRIDES = ['1', '2'] as const;
/** Most channels in or out: t·C_in stays at most 48 tiles. */
export const MBCONV_MAX_CHANNELS = 8;

/** The inverted residual widget's whole state (URL parameters of its embed page). */
export const invertedResidualSchema = {
  t: enumP(MBCONV_EXPANSIONS, '6', 'expansion t: the first 1×1 conv widens C_in to t·C_in channels (MnasNet’s MBConv3 and MBConv6)'),
  kernel: enumP(MBCONV_KERNELS, '3', 'kernel size of the depthwise convolution (3×3 or 5×5, as in MnasNet’s search space)'),
  stride: enumP(MBCONV_STRIDES, '1', 'stride of the depthwise convolution (2 halves the map; then there is no residual)'),
  cin: intP(2, MBCONV_MAX_CHANNELS, 4, 'channels into the block, C_in'),
  cout: intP(2, MBCONV_MAX_CHANNELS, 4, 'channels out of the block, C_out (the residual needs C_out = C_in)'),
  // The spec's smallest input (lib/arch/validate.ts MIN_SIZE): a tiny tensor whose every channel is drawn.
  size: intP(MIN_SIZE, 32, MIN_SIZE, 'height and width of the input'),
  step: intP(0, 4, 1, 'stages shown: 0 = the input, 1 expand, 2 depthwise, 3 project, 4 residual add (where there is one)'),
  seed: seedParam(0, 'seed of the random (He-initialised) weights and of the input'),
} as const;

export type InvertedResidualSchema = typeof invertedResidualSchema;

export const invertedResidualMeta: WidgetMeta<InvertedResidualSchema> = {
  id: 'inverted-residual',
  title: 'Inverted residual (MBConv)',
  description:
    'One MBConv block stage by stage in TensorFlow.js: 1×1 expansion to t·C, k×k depthwise, linear 1×1 projection and the residual add, with the channel widths to scale, each stage’s real output and its MACs from the spec.',
  schema: invertedResidualSchema,
  usesWebcam: false,
  usesTfjs: true,
};
