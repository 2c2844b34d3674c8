import { enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** The five architectures of the lessons, one curve each (issue 16). */
export const RF_MODELS = ['densenet121', 'resnext50_32x4d', 'resnet50', 'shufflenet_v2_x1_0', 'mnasnet1_0'] as const;
export type RfModel = (typeof RF_MODELS)[number];
export const RF_SIZES = ['96', '128', '224', '320'] as const;

export const rfDepthSchema = {
  x: enumP(['layer', 'macs'] as const, 'layer', 'horizontal axis: weighted-layer depth, or multiply–accumulates spent so far'),
  y: enumP(['linear', 'log'] as const, 'linear', 'vertical scale of the receptive-field size'),
  size: enumP(RF_SIZES, '224', 'square input size in pixels (where a field covers the image; the MACs)'),
  model: enumP(RF_MODELS, 'resnet50', 'the architecture whose curve is picked out'),
  layer: intP(0, 200, 0, 'picked layer depth on that curve (0 = none)'),
} as const;

export type RfDepthSchema = typeof rfDepthSchema;

export const rfDepthMeta: WidgetMeta<RfDepthSchema> = {
  id: 'rf-depth',
  title: 'Receptive field against depth',
  description:
    'The theoretical receptive field of five architectures, layer by layer, from the spec: against depth or against the multiply–accumulates spent to reach it.',
  schema: rfDepthSchema,
  usesWebcam: false,
  usesTfjs: false,
};
