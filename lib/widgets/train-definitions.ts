/**
 * The training lab's embeddable widget (see lib/widgets/registry.ts for what a definition is): one
 * digits model, trained in the embed, its home the /train page with the same settings. Framework-free.
 */
import { toSearchParams, type StateOf } from '@/lib/url-state/schema';
import { LOADS_TFJS as TFJS, defineWidget, type HomeLink } from '@/lib/widgets/definition';
import { trainMeta } from '@/lib/widgets/train/meta';
import { trainPageSchema } from '@/lib/widgets/train/schema';

/** /train with the widget's model and settings (defaults left out). */
function trainHome(state: Readonly<Record<string, unknown>>): HomeLink {
  const { model, ...rest } = state;
  const q = toSearchParams(trainPageSchema, { ...rest, models: [String(model)] } as Partial<StateOf<typeof trainPageSchema>>).toString();
  return { href: `/train${q ? `?${q}` : ''}`, label: 'the training lab' };
}

export const TRAIN_DEFINITIONS = {
  train: defineWidget({
    meta: trainMeta,
    kind: 'train',
    home: trainHome,
    height: 1100,
    runs: `${TFJS}the digits (8,000 training images), then trains the model when you press Train.`,
    keepMounted: true,
  }),
};
