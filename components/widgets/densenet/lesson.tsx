'use client';

/** The DenseNet lesson's widgets with page-local state, initialised from MDX props. */
import { lessonWidget } from '@/components/widgets/LessonWidget';
import { channelProfileMeta } from '@/lib/widgets/channel-profile/meta';
import { denseConnectivityMeta } from '@/lib/widgets/dense-connectivity/meta';
import { denseReuseMeta } from '@/lib/widgets/dense-reuse/meta';
import { ChannelProfile } from './ChannelProfile';
import { DenseConnectivity } from './DenseConnectivity';
import { DenseReuse } from './DenseReuse';

export const DenseConnectivityLesson = lessonWidget(denseConnectivityMeta, DenseConnectivity, 'dense connectivity');
export const DenseReuseLesson = lessonWidget(denseReuseMeta, DenseReuse, 'real reuse');
export const ChannelProfileLesson = lessonWidget(channelProfileMeta, ChannelProfile, 'channel profile');
