import { boolP, enumP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

export const SHUFFLE_CHANNEL_CHOICES = ['8', '12', '16'] as const;
export const SHUFFLE_UNITS = 3;

/** The channel split and shuffle widget's whole state (URL parameters of its embed page). */
export const channelShuffleSchema = {
  channels: enumP(SHUFFLE_CHANNEL_CHOICES, '8', 'channels after every unit'),
  shuffle: boolP(true, 'apply the channel shuffle after each concat'),
  downsample: boolP(false, 'make the first unit the stride-2 down-sampling unit (no split; both branches see every channel)'),
  follow: intP(0, 15, 1, 'original input channel to follow (highlighted wherever its information goes)'),
  step: intP(0, SHUFFLE_UNITS * 4, 4, 'steps shown: 0 = input only, 4 per unit (split, branches, concat, shuffle)'),
} as const;

export type ChannelShuffleSchema = typeof channelShuffleSchema;

export const channelShuffleMeta: WidgetMeta<ChannelShuffleSchema> = {
  id: 'channel-shuffle',
  title: 'Channel split and shuffle',
  description:
    'Channels as strands through three ShuffleNet v2 units: split, convolution branch, concat and shuffle, with the permutation computed by tfjs on a tiny tensor.',
  schema: channelShuffleSchema,
  usesWebcam: false,
  usesTfjs: true,
};
