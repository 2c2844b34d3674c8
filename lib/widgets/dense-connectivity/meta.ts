import { boolP, intP, numP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** The dense-connectivity widget's whole state (URL parameters of its embed page). */
export const denseConnectivitySchema = {
  L: intP(1, 12, 5, 'layers in the dense block'),
  k: intP(1, 64, 4, 'growth rate k: channels each layer adds'),
  k0: intP(1, 128, 8, 'channels entering the block (k0)'),
  bottleneck: boolP(false, 'DenseNet-B: a 1×1 conv to 4k channels before each 3×3 conv'),
  theta: numP(0, 1, 1, 'compression θ of the transition layer after the block', true),
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
