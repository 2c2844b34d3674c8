import { DENSENET_KNOBS, MIN_SIZE } from '@/lib/arch';
import { seedParam } from '@/lib/url-state/common-params';
import { intKnobP, itemKnobP } from '@/lib/url-state/knob-params';
import { intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** Most layers the widget steps through (every channel of the buffer stays a visible tile). */
export const CONCAT_MAX_LAYERS = 8;

/** The dense concatenation widget's whole state (URL parameters of its embed page). */
export const denseConcatSchema = {
  // Small bounds: the whole block runs on a tiny tensor and every channel is drawn as a tile.
  L: itemKnobP(DENSENET_KNOBS.blockConfig, 6, { max: CONCAT_MAX_LAYERS }),
  k: intKnobP(DENSENET_KNOBS.growthRate, 4, { max: 8 }),
  k0: intKnobP(DENSENET_KNOBS.initFeatures, 8, { max: 16 }),
  // The spec's smallest feature map (lib/arch/validate.ts MIN_SIZE): a tiny tensor whose every channel is drawn.
  size: intP(MIN_SIZE, 32, MIN_SIZE, 'height and width of the block’s feature maps'),
  step: intP(0, CONCAT_MAX_LAYERS, 1, 'layers computed so far: 0 = the block input only, ℓ = after layer ℓ (at most L)'),
  seed: seedParam(0, 'seed of the random (He-initialised) weights and of the input'),
} as const;

export type DenseConcatSchema = typeof denseConcatSchema;

export const denseConcatMeta: WidgetMeta<DenseConcatSchema> = {
  id: 'dense-concat',
  title: 'Dense concatenation',
  description:
    'A dense block computed layer by layer in TensorFlow.js: its feature buffer growing by k channels per layer, and the bytes a naive implementation copies against a pre-allocated shared buffer (Pleiss et al. 2017).',
  schema: denseConcatSchema,
  usesWebcam: false,
  usesTfjs: true,
};
