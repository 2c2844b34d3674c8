import { BACKEND_ORDER } from '@/lib/runtime/backend-names';
import { enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

export const EQUIVALENCE_WIDTHS = ['16', '32', '64', '128'] as const;

export const groupEquivalenceSchema = {
  C: intP(1, 16, 4, 'cardinality C: paths in (a) and (b), groups in (c)'),
  d: intP(1, 16, 4, 'bottleneck width d of each path'),
  width: enumP(EQUIVALENCE_WIDTHS, '64', 'channels into and out of the block'),
  seed: intP(0, 2 ** 31 - 1, 1, 'seed of the weights and of the input'),
  backend: enumP(['auto', ...BACKEND_ORDER] as const, 'auto', 'TensorFlow.js backend'),
} as const;

export type GroupEquivalenceSchema = typeof groupEquivalenceSchema;

/** Spatial size of the random input (the spec's minimum). */
export const EQUIVALENCE_SIZE = 32;

export const groupEquivalenceMeta: WidgetMeta<GroupEquivalenceSchema> = {
  id: 'group-equivalence',
  title: 'Equivalence, proven live',
  description: 'The same seeded weights run as C separate paths summed, as early concatenation and as one grouped convolution in TensorFlow.js; the outputs agree to float rounding.',
  schema: groupEquivalenceSchema,
  usesWebcam: false,
  usesTfjs: true,
};
