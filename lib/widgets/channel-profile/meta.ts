import { enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

export const PROFILE_MODELS = ['densenet121', 'densenet169', 'densenet201', 'densenet161'] as const;
export type ProfileModel = (typeof PROFILE_MODELS)[number];

export const channelProfileSchema = {
  model: enumP(PROFILE_MODELS, 'densenet121', 'which ImageNet DenseNet to trace'),
  step: intP(0, 200, 0, 'selected layer along the depth, 1-based (0 = none)'),
} as const;

export type ChannelProfileSchema = typeof channelProfileSchema;

export const channelProfileMeta: WidgetMeta<ChannelProfileSchema> = {
  id: 'channel-profile',
  title: 'Channel profile',
  description: 'Channels entering every dense layer and transition of an ImageNet DenseNet, from the spec: the saw-tooth of growth and compression.',
  schema: channelProfileSchema,
  usesWebcam: false,
  usesTfjs: false,
};
