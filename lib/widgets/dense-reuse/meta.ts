import { getModel } from '@/lib/arch/registry';
import { SAMPLE_IDS, SAMPLE_PHOTOS, sampleParam, sampleUrl, type SampleId } from '@/lib/lab/samples';
import { BACKEND_PARAM, digitParam, seedParam } from '@/lib/url-state/common-params';
import { enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** The photos (lib/lab/samples.ts, the one list), by id: what the picker offers and the run loads. */
export const REUSE_SAMPLES = SAMPLE_IDS;
export type ReuseSample = SampleId;
export const SAMPLE_FILES = Object.fromEntries(SAMPLE_PHOTOS.map((p) => [p.id, sampleUrl(p)])) as Readonly<Record<ReuseSample, string>>;
export const SAMPLE_LABELS = Object.fromEntries(SAMPLE_PHOTOS.map((p) => [p.id, p.label])) as Readonly<Record<ReuseSample, string>>;

/** The ImageNet-shaped block: fixed so that the figure stays readable (random weights only). */
export const REUSE_BLOCK = { L: 6, k: 8, k0: 16, inputSize: 256 } as const;

/** The trained network: the DenseNet-BC of the digits models, shipped with trained weights. */
export const REUSE_DIGITS_MODEL = 'densenet_digits';
const digitsBlocks = getModel(REUSE_DIGITS_MODEL).knobs.blockConfig as readonly number[];
/** Its dense blocks and the layers of each (registry knobs: three blocks of four). */
export const REUSE_DIGITS = { blocks: digitsBlocks.length, L: Math.max(...digitsBlocks) } as const;

export const REUSE_NETS = ['digits', 'imagenet'] as const;
export type ReuseNet = (typeof REUSE_NETS)[number];
export const REUSE_WEIGHTS = ['trained', 'random'] as const;
export type ReuseWeights = (typeof REUSE_WEIGHTS)[number];

/** Layers per block of a network (the ImageNet-shaped block has one block). */
export const reuseLayers = (net: ReuseNet): number => (net === 'digits' ? REUSE_DIGITS.L : REUSE_BLOCK.L);

const LAYER_MAX = Math.max(REUSE_BLOCK.L, REUSE_DIGITS.L) + 1;

export const denseReuseSchema = {
  net: enumP(
    REUSE_NETS,
    'digits',
    `the network: digits = ${REUSE_DIGITS_MODEL} on a test digit (trained or random weights); imagenet = a 6-layer block after an ImageNet stem on a photo (random weights)`,
  ),
  weights: enumP(REUSE_WEIGHTS, 'trained', `${REUSE_DIGITS_MODEL}’s weights: trained (shipped with the site) or random (He init, seeded)`),
  block: intP(1, REUSE_DIGITS.blocks, 1, `dense block of ${REUSE_DIGITS_MODEL} shown (1–${REUSE_DIGITS.blocks})`),
  layer: intP(1, LAYER_MAX, 4, `layer whose input is shown (1–L; L + 1 = the block output; L = ${REUSE_DIGITS.L} for digits, ${REUSE_BLOCK.L} for imagenet)`),
  digit: digitParam(),
  sample: sampleParam(),
  seed: seedParam(0, 'seed of the random (He-initialised) weights'),
  backend: BACKEND_PARAM,
} as const;

export type DenseReuseSchema = typeof denseReuseSchema;

export const denseReuseMeta: WidgetMeta<DenseReuseSchema> = {
  id: 'dense-reuse',
  title: 'Real reuse',
  description:
    'A real DenseNet runs in TensorFlow.js: a layer’s input feature maps, grouped by the layer that produced them, and how much the trained 1×1 bottleneck weights each earlier layer (the paper’s Fig. 5), against random weights.',
  schema: denseReuseSchema,
  usesWebcam: false,
  usesTfjs: true,
};
