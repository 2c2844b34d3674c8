import { BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

export const REUSE_SAMPLES = ['chelsea', 'coffee', 'astronaut', 'rocket'] as const;
export type ReuseSample = (typeof REUSE_SAMPLES)[number];
export const SAMPLE_FILES: Record<ReuseSample, string> = {
  chelsea: '/samples/chelsea.png',
  coffee: '/samples/coffee.png',
  astronaut: '/samples/astronaut.png',
  rocket: '/samples/rocket.jpg',
};
export const SAMPLE_LABELS: Record<ReuseSample, string> = {
  chelsea: 'Chelsea the cat',
  coffee: 'Coffee cup',
  astronaut: 'Astronaut',
  rocket: 'Rocket',
};

/** The real block: fixed so that the figure stays readable (see REUSE_BLOCK). */
export const REUSE_BLOCK = { L: 6, k: 8, k0: 16, inputSize: 256 } as const;

export const denseReuseSchema = {
  sample: enumP(REUSE_SAMPLES, 'chelsea', 'built-in input photo'),
  layer: intP(1, REUSE_BLOCK.L + 1, 4, `layer whose input is shown (1–${REUSE_BLOCK.L}; ${REUSE_BLOCK.L + 1} = the block output)`),
  seed: intP(0, 2 ** 31 - 1, 0, 'seed of the random (He-initialised) weights'),
  backend: enumP(['auto', ...BACKEND_ORDER] as const, 'auto', 'TensorFlow.js backend'),
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
