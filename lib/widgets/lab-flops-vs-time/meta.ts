import { MODEL_IDS } from '@/lib/arch';
import { PROFILE_SIZES } from '@/lib/models/lab-schema';
import { enumP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { LAB_RUN_DEFAULT_MODEL } from '@/lib/widgets/lab-runner/meta';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';

export const labFlopsVsTimeSchema = {
  model: enumP(MODEL_IDS, LAB_RUN_DEFAULT_MODEL, 'the registered model to profile'),
  psize: enumP(PROFILE_SIZES, '112', 'input size of the per-layer profile (square, pixels)'),
  backend: BACKEND_PARAM,
  seed: seedParam(),
} as const;

export type LabFlopsVsTimeSchema = typeof labFlopsVsTimeSchema;

export const labFlopsVsTimeMeta: WidgetMeta<LabFlopsVsTimeSchema> = {
  id: 'lab-flops-vs-time',
  title: 'FLOPs versus time, per layer',
  description: "Profiles a registered network layer by layer on the reader's device: each layer's MACs against its measured time, and the time by op kind.",
  schema: labFlopsVsTimeSchema,
  usesWebcam: false,
  usesTfjs: true,
};
