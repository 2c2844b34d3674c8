import { boolP, enumP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { BACKEND_PARAM } from '@/lib/url-state/common-params';
import { BREAKDOWN_SIZES } from './categories';

/** The time-breakdown widget's whole state (URL parameters of its embed page). */
export const timeBreakdownSchema = {
  size: enumP(BREAKDOWN_SIZES, '96', 'input size in pixels (square)'),
  backend: BACKEND_PARAM,
  reduced: boolP(false, 'quick run: 1 warm-up and 2 timed passes instead of 2 and 5'),
} as const;

export type TimeBreakdownSchema = typeof timeBreakdownSchema;

export const timeBreakdownMeta: WidgetMeta<TimeBreakdownSchema> = {
  id: 'time-breakdown',
  title: 'Where ShuffleNet v2 spends its time',
  description: "Profiles shufflenet_v2_x1_0 layer by layer on the reader's device and splits the time by op kind, next to the share of FLOPs.",
  schema: timeBreakdownSchema,
  usesWebcam: false,
  usesTfjs: true,
};
