'use client';

/** The DenseNet lesson's widgets with page-local state, initialised from MDX props. */
import { channelProfileSchema } from '@/lib/widgets/channel-profile/meta';
import { denseConnectivitySchema } from '@/lib/widgets/dense-connectivity/meta';
import { denseReuseSchema } from '@/lib/widgets/dense-reuse/meta';
import { ChannelProfile } from './ChannelProfile';
import { DenseConnectivity } from './DenseConnectivity';
import { DenseReuse } from './DenseReuse';
import { withLocalState } from './local-state';

export const DenseConnectivityLesson = withLocalState(denseConnectivitySchema, DenseConnectivity, 'dense connectivity');
export const DenseReuseLesson = withLocalState(denseReuseSchema, DenseReuse, 'real reuse');
export const ChannelProfileLesson = withLocalState(channelProfileSchema, ChannelProfile, 'channel profile');
