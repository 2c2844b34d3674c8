import { MAX_SIZE, MIN_SIZE, MODEL_IDS } from '@/lib/arch';
import { COLOR_MODES } from '@/lib/models/lab-schema';
import { enumP, intP, stringP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/**
 * The model lab's architecture graph as a widget on its own. The parameters mean what the lab's
 * URL parameters of the same name mean (lib/models/lab-schema.ts); the model's knobs stay at the
 * paper's values here (the lab page itself changes them).
 */
export const labGraphSchema = {
  model: enumP(MODEL_IDS, 'densenet121', 'the registered model to draw'),
  size: intP(MIN_SIZE, MAX_SIZE, 224, 'input size in pixels (square): sets every shape and count'),
  open: stringP(/^[A-Za-z0-9_.:,-]*$/, 'comma-separated group ids such as layer1,layer1.0', 4000, '', 'expanded groups of the graph (the rest stay collapsed)'),
  layer: stringP(/^[A-Za-z0-9_.:-]*$/, 'a layer or group name such as features.conv0', 200, '', 'the selected layer or group'),
  color: enumP(COLOR_MODES, 'macs', 'what the graph colours nodes by'),
} as const;

export type LabGraphSchema = typeof labGraphSchema;

export const labGraphMeta: WidgetMeta<LabGraphSchema> = {
  id: 'lab-graph',
  title: 'Architecture graph',
  description: 'Any registered network as an interactive graph: expand stages and blocks, select a layer, colour by MACs, params or output size.',
  schema: labGraphSchema,
  usesWebcam: false,
  usesTfjs: false,
};
