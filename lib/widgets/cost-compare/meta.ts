import { enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';

export const COST_MODELS = ['densenet121', 'densenet169', 'densenet201', 'densenet161', 'resnext50_32x4d', 'resnext101_32x8d', 'resnet50'] as const;
export type CostModel = (typeof COST_MODELS)[number];
export const COST_SIZES = ['32', '64', '96', '128', '160', '224'] as const;

export const costCompareSchema = {
  model: enumP(COST_MODELS, 'densenet121', 'the model to measure'),
  baseline: enumP(COST_MODELS, 'resnet50', 'the model to compare it with'),
  size: enumP(COST_SIZES, '64', 'square input size in pixels (small keeps the run short)'),
  repeats: intP(1, 10, 3, 'timed passes per model (after one warm-up pass)'),
  backend: BACKEND_PARAM,
  seed: seedParam(),
} as const;

export type CostCompareSchema = typeof costCompareSchema;

export const costCompareMeta: WidgetMeta<CostCompareSchema> = {
  id: 'cost-compare',
  title: 'FLOPs versus time',
  description: 'Two models’ parameters and MACs from the spec beside their measured time per layer on the reader’s device.',
  schema: costCompareSchema,
  usesWebcam: false,
  usesTfjs: true,
};
