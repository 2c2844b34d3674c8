import { enumP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { RESNEXT_KNOBS } from '@/lib/arch';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';
import { intKnobP } from '@/lib/url-state/knob-params';

export const EQUIVALENCE_WIDTHS = ['16', '32', '64', '128'] as const;

export const groupEquivalenceSchema = {
  // The figure and the live run stay small: at most 16 paths of 16 channels.
  C: intKnobP(RESNEXT_KNOBS.cardinality, 4, { max: 16 }),
  d: intKnobP(RESNEXT_KNOBS.widthPerGroup, 4, { max: 16 }),
  width: enumP(EQUIVALENCE_WIDTHS, '64', 'channels into and out of the block'),
  seed: seedParam(1, 'seed of the weights and of the input'),
  backend: BACKEND_PARAM,
} as const;

export type GroupEquivalenceSchema = typeof groupEquivalenceSchema;

/** Spatial size of the random input (the spec's minimum). */
export const EQUIVALENCE_SIZE = 32;

export const groupEquivalenceMeta: WidgetMeta<GroupEquivalenceSchema> = {
  id: 'group-equivalence',
  title: 'Equivalence, proven live',
  description:
    'The same seeded weights run as C separate paths summed, as early concatenation and as one grouped convolution in TensorFlow.js; the outputs agree to float rounding.',
  schema: groupEquivalenceSchema,
  usesWebcam: false,
  usesTfjs: true,
};
