import { boolP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

export const cardinalityGroupsSchema = {
  C: intP(1, 64, 32, 'cardinality C: parallel paths (groups of the 3×3 conv)'),
  d: intP(1, 128, 4, 'bottleneck width d: channels of each path'),
  keep: boolP(false, 'keep complexity constant: solve d for C as in the paper’s Table 2'),
} as const;

export type CardinalityGroupsSchema = typeof cardinalityGroupsSchema;

export const cardinalityGroupsMeta: WidgetMeta<CardinalityGroupsSchema> = {
  id: 'cardinality-groups',
  title: 'Cardinality groups',
  description: 'One ResNeXt block in its three equivalent forms with the same parameters and MACs, and its grouped convolution as a block-diagonal weight matrix.',
  schema: cardinalityGroupsSchema,
  usesWebcam: false,
  usesTfjs: false,
};
