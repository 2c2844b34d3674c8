import { boolP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { RESNEXT_KNOBS } from '@/lib/arch';
import { intKnobP } from '@/lib/url-state/knob-params';

export const cardinalityGroupsSchema = {
  // Up to the paper's largest C (Table 2 goes to 32; 64 for headroom) and d = 128.
  C: intKnobP(RESNEXT_KNOBS.cardinality, 32, { max: 64 }),
  d: intKnobP(RESNEXT_KNOBS.widthPerGroup, 4, { max: 128 }),
  keep: boolP(false, 'keep complexity constant: solve d for C as in the paper’s Table 2'),
} as const;

export type CardinalityGroupsSchema = typeof cardinalityGroupsSchema;

export const cardinalityGroupsMeta: WidgetMeta<CardinalityGroupsSchema> = {
  id: 'cardinality-groups',
  title: 'Cardinality groups',
  description:
    'One ResNeXt block in its three equivalent forms with the same parameters and MACs, and its grouped convolution as a block-diagonal weight matrix.',
  schema: cardinalityGroupsSchema,
  usesWebcam: false,
  usesTfjs: false,
};
