import { MODEL_IDS } from '@/lib/arch';
import { enumP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';
import { sampleParam } from '@/lib/lab/samples';
import { digitParam } from '@/lib/lab/digits-input';

/** Models the run widgets default to: small enough to start in a second or two on a laptop. */
export const LAB_RUN_DEFAULT_MODEL = 'shufflenet_v2_x0_5';

export const labRunnerSchema = {
  model: enumP(MODEL_IDS, LAB_RUN_DEFAULT_MODEL, 'the registered model to run (seeded random weights, or a torchvision .safetensors file the reader picks)'),
  backend: BACKEND_PARAM,
  sample: sampleParam(),
  digit: digitParam(),
  seed: seedParam(),
} as const;

export type LabRunnerSchema = typeof labRunnerSchema;

export const labRunnerMeta: WidgetMeta<LabRunnerSchema> = {
  id: 'lab-runner',
  title: 'Run a model in the browser',
  description:
    'Runs a registered network in TensorFlow.js on a sample photo, an uploaded image or the camera (a digits model: a digit drawn on the pad or picked from the test split, read live as it is drawn), and shows its top-5 classes.',
  schema: labRunnerSchema,
  usesWebcam: true,
  usesTfjs: true,
};
