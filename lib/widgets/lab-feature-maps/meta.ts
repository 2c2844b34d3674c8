import { MODEL_IDS } from '@/lib/arch';
import { enumP, stringP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { LAB_RUN_DEFAULT_MODEL } from '@/lib/widgets/lab-runner/meta';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';
import { sampleParam } from '@/lib/lab/samples';
import { digitParam } from '@/lib/lab/digits-input';
import { CELL_PARAM, CHANNEL_PARAM } from '@/lib/lab/cell-params';

export const labFeatureMapsSchema = {
  model: enumP(MODEL_IDS, LAB_RUN_DEFAULT_MODEL, 'the registered model to run'),
  layer: stringP(
    /^[A-Za-z0-9_.:-]*$/,
    'a layer name such as stage2.0.shuffle',
    200,
    '',
    'the layer whose output is shown (empty: a layer in the middle of the network)',
  ),
  channel: CHANNEL_PARAM,
  cell: CELL_PARAM,
  sample: sampleParam(),
  digit: digitParam(),
  seed: seedParam(),
  backend: BACKEND_PARAM,
} as const;

export type LabFeatureMapsSchema = typeof labFeatureMapsSchema;

export const labFeatureMapsMeta: WidgetMeta<LabFeatureMapsSchema> = {
  id: 'lab-feature-maps',
  title: 'Feature maps',
  description:
    "One layer's activations from a real run of a registered network on a photo, one tile per channel; click a cell to see its theoretical and effective receptive fields on the image.",
  schema: labFeatureMapsSchema,
  usesWebcam: false,
  usesTfjs: true,
};
