import { MODEL_IDS } from '@/lib/arch';
import { EXPLAIN_METHODS, SMOOTHGRAD_NOISE, SMOOTHGRAD_SAMPLES } from '@/lib/explain/request';
import { digitParam } from '@/lib/lab/digits-input';
import { sampleParam } from '@/lib/lab/samples';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';
import { enumP, intP, numP, stringP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { LAB_RUN_DEFAULT_MODEL } from '@/lib/widgets/lab-runner/meta';

/** Grad-CAM's layer: a node name; empty means the default (lib/explain/layers.ts defaultCamLayer). */
export const CAM_LAYER_PARAM = stringP(
  /^[A-Za-z0-9_.:-]*$/,
  'a layer name such as layer4.2.relu3',
  200,
  '',
  "Grad-CAM's layer (empty: the last spatial layer, the one the classifier's global pool reads)",
);

/**
 * The explanation's settings, declared once: the Explain view of the model lab takes them under
 * these names (its layer is `cam`, as `layer` is the lab's selected layer), the embed as they are.
 */
export const EXPLAIN_PARAMS = {
  method: enumP(
    EXPLAIN_METHODS,
    'gradcam',
    'which explanation: gradcam (Grad-CAM, Selvaraju et al. 2017), saliency (the input gradient), smoothgrad (SmoothGrad, Smilkov et al. 2017)',
  ),
  class: stringP(/^\d{0,4}$/, 'a class index such as 281', 4, '', 'the class whose score is explained (empty: the top-1 prediction)'),
  opacity: numP(0, 1, 0.6, 'opacity of the heat map over the image (0: the image alone, 1: the map at full strength)'),
  samples: intP(SMOOTHGRAD_SAMPLES.min, SMOOTHGRAD_SAMPLES.max, SMOOTHGRAD_SAMPLES.default, "SmoothGrad's number of noisy copies of the input"),
  noise: numP(SMOOTHGRAD_NOISE.min, SMOOTHGRAD_NOISE.max, SMOOTHGRAD_NOISE.default, "SmoothGrad's noise σ, as a fraction of the input's range"),
} as const;

export const labExplainSchema = {
  model: enumP(MODEL_IDS, LAB_RUN_DEFAULT_MODEL, 'the registered model to explain'),
  layer: CAM_LAYER_PARAM,
  ...EXPLAIN_PARAMS,
  sample: sampleParam(),
  digit: digitParam(),
  seed: seedParam(),
  backend: BACKEND_PARAM,
} as const;

export type LabExplainSchema = typeof labExplainSchema;

export const labExplainMeta: WidgetMeta<LabExplainSchema> = {
  id: 'lab-explain',
  title: 'Explain a prediction',
  description:
    'Grad-CAM on any layer, gradient saliency and SmoothGrad for any class of a registered network, computed live in TensorFlow.js and overlaid on a photo, an upload, the camera or a drawn digit.',
  schema: labExplainSchema,
  usesWebcam: true,
  usesTfjs: true,
};
