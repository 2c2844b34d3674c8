import { MODEL_IDS } from '@/lib/arch';
import { SAMPLES } from '@/lib/models/lab-schema';
import { BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { enumP, intP, stringP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { LAB_RUN_DEFAULT_MODEL } from '@/lib/widgets/lab-runner/meta';

export const labFeatureMapsSchema = {
  model: enumP(MODEL_IDS, LAB_RUN_DEFAULT_MODEL, 'the registered model to run'),
  layer: stringP(/^[A-Za-z0-9_.:-]*$/, 'a layer name such as stage2.0.shuffle', 200, '', 'the layer whose output is shown (empty: a layer in the middle of the network)'),
  sample: enumP(SAMPLES, 'chelsea', 'built-in input photo'),
  seed: intP(0, 2 ** 31 - 1, 0, 'seed of the random weights'),
  backend: enumP(['auto', ...BACKEND_ORDER] as const, 'auto', 'TensorFlow.js backend (auto: the fastest that starts)'),
} as const;

export type LabFeatureMapsSchema = typeof labFeatureMapsSchema;

export const labFeatureMapsMeta: WidgetMeta<LabFeatureMapsSchema> = {
  id: 'lab-feature-maps',
  title: 'Feature maps',
  description: "One layer's activations from a real run of a registered network on a photo, one tile per channel.",
  schema: labFeatureMapsSchema,
  usesWebcam: false,
  usesTfjs: true,
};
