import { intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { DENSENET_KNOBS } from '@/lib/arch';
import { boolKnobP, intKnobP, itemKnobP, numKnobP } from '@/lib/url-state/knob-params';

/** The dense-connectivity widget's whole state (URL parameters of its embed page). */
export const denseConnectivitySchema = {
  // Narrower than the lab: every connection of the block has to stay legible in the figure.
  L: itemKnobP(DENSENET_KNOBS.blockConfig, 5, { max: 12 }),
  k: intKnobP(DENSENET_KNOBS.growthRate, 4, { max: 64 }),
  k0: intKnobP(DENSENET_KNOBS.initFeatures, 8, { max: 128 }),
  bottleneck: boolKnobP(DENSENET_KNOBS.bottleneck, false),
  theta: numKnobP(DENSENET_KNOBS.compression, 1),
  focus: intP(0, 12, 0, 'highlighted layer (0 = none)'),
} as const;

export type DenseConnectivitySchema = typeof denseConnectivitySchema;

export const denseConnectivityMeta: WidgetMeta<DenseConnectivitySchema> = {
  id: 'dense-connectivity',
  title: 'Dense connectivity',
  description: 'A dense block of 1 to 12 layers: every connection, the channels each layer reads, and its parameters and MACs from the spec.',
  schema: denseConnectivitySchema,
  usesWebcam: false,
  usesTfjs: false,
};
