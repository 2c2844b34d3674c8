import { boolP, enumP, intP } from '@/lib/url-state/schema';
import { BACKEND_PARAM } from '@/lib/url-state/common-params';
import type { WidgetMeta } from '@/lib/widgets/types';

/** Square input sizes the line-up is timed at (224 is the papers'; small sizes keep a run short). */
export const LINEUP_SIZES = ['32', '64', '96', '128', '160', '224'] as const;

/** The closing lesson's measurement: its whole state, in its embed's URL. */
export const lineupSchema = {
  size: enumP(LINEUP_SIZES, '64', 'square input size in pixels for the five ImageNet models (224 is what the papers time; small keeps the run short)'),
  runs: intP(1, 10, 3, 'timed passes per model after one warm-up; the median is reported'),
  digits: boolP(true, 'also time the five trained digits models (28×28), for test accuracy per parameter and per millisecond'),
  backend: BACKEND_PARAM,
} as const;

export type LineupSchema = typeof lineupSchema;

export const lineupMeta: WidgetMeta<LineupSchema> = {
  id: 'lineup',
  title: 'The four, measured on your device',
  description:
    'ResNet-50, DenseNet-121, ResNeXt-50, ShuffleNet v2 and MnasNet-A1 side by side: parameters and MACs from the spec, the papers’ accuracy, and the latency measured on the reader’s device, ranked by MACs and by time.',
  schema: lineupSchema,
  usesWebcam: false,
  usesTfjs: true,
};
