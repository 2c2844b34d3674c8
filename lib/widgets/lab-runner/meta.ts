import { MODEL_IDS } from '@/lib/arch';
import { SAMPLES } from '@/lib/models/lab-schema';
import { BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** Models the run widgets default to: small enough to start in a second or two on a laptop. */
export const LAB_RUN_DEFAULT_MODEL = 'shufflenet_v2_x0_5';

export const labRunnerSchema = {
  model: enumP(MODEL_IDS, LAB_RUN_DEFAULT_MODEL, 'the registered model to run (seeded random weights, or a torchvision .safetensors file the reader picks)'),
  backend: enumP(['auto', ...BACKEND_ORDER] as const, 'auto', 'TensorFlow.js backend (auto: the fastest that starts)'),
  sample: enumP(SAMPLES, 'chelsea', 'built-in input photo'),
  seed: intP(0, 2 ** 31 - 1, 0, 'seed of the random weights'),
} as const;

export type LabRunnerSchema = typeof labRunnerSchema;

export const labRunnerMeta: WidgetMeta<LabRunnerSchema> = {
  id: 'lab-runner',
  title: 'Run a model in the browser',
  description: 'Runs a registered network in TensorFlow.js on a sample photo, an uploaded image or the camera, and shows its top-5 classes.',
  schema: labRunnerSchema,
  usesWebcam: true,
  usesTfjs: true,
};
