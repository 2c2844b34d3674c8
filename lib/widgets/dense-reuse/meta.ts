import { SAMPLE_IDS, SAMPLE_PHOTOS, sampleParam, sampleUrl, type SampleId } from '@/lib/lab/samples';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';
import { intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** The photos (lib/lab/samples.ts, the one list), by id: what the picker offers and the run loads. */
export const REUSE_SAMPLES = SAMPLE_IDS;
export type ReuseSample = SampleId;
export const SAMPLE_FILES = Object.fromEntries(SAMPLE_PHOTOS.map((p) => [p.id, sampleUrl(p)])) as Readonly<Record<ReuseSample, string>>;
export const SAMPLE_LABELS = Object.fromEntries(SAMPLE_PHOTOS.map((p) => [p.id, p.label])) as Readonly<Record<ReuseSample, string>>;

/** The real block: fixed so that the figure stays readable (see REUSE_BLOCK). */
export const REUSE_BLOCK = { L: 6, k: 8, k0: 16, inputSize: 256 } as const;

export const denseReuseSchema = {
  sample: sampleParam(),
  layer: intP(1, REUSE_BLOCK.L + 1, 4, `layer whose input is shown (1–${REUSE_BLOCK.L}; ${REUSE_BLOCK.L + 1} = the block output)`),
  seed: seedParam(0, 'seed of the random (He-initialised) weights'),
  backend: BACKEND_PARAM,
} as const;

export type DenseReuseSchema = typeof denseReuseSchema;

export const denseReuseMeta: WidgetMeta<DenseReuseSchema> = {
  id: 'dense-reuse',
  title: 'Real reuse',
  description: 'A seeded dense block runs in TensorFlow.js on a photo; a layer’s input feature maps are shown grouped by the layer that produced them.',
  schema: denseReuseSchema,
  usesWebcam: false,
  usesTfjs: true,
};
