/**
 * The definitions of the model lab's four parts as embeddable widgets (see lib/widgets/registry.ts
 * for what a definition is). The lab imports this file alone, so it carries no lesson widget's
 * meta. Framework-free.
 */
import { labSchema } from '@/lib/models/lab-schema';
import { toSearchParams, type Schema, type StateOf } from '@/lib/url-state/schema';
import { LOADS_TFJS as TFJS, defineWidget, type HomeLink } from '@/lib/widgets/definition';
import { labExplainMeta } from '@/lib/widgets/lab-explain/meta';
import { labFeatureMapsMeta } from '@/lib/widgets/lab-feature-maps/meta';
import { labFlopsVsTimeMeta } from '@/lib/widgets/lab-flops-vs-time/meta';
import { labGraphMeta } from '@/lib/widgets/lab-graph/meta';
import { labRunnerMeta } from '@/lib/widgets/lab-runner/meta';

/** The lab page of the chosen model with the widget's own lab parameters (defaults left out). */
const lab =
  (keys: readonly string[]) =>
  (state: Readonly<Record<string, unknown>>): HomeLink => {
    const model = String(state.model);
    const schema = labSchema(model);
    const picked = Object.fromEntries(keys.filter((k) => k in schema && state[k] !== undefined).map((k) => [k, state[k]]));
    const q = toSearchParams(schema, picked as Partial<StateOf<Schema>>).toString();
    return { href: `/models/${model}${q ? `?${q}` : ''}`, label: `the ${model} lab` };
  };

/** Keyed by widget id (the embed page's URL segment), in the order of the lab page. */
export const LAB_DEFINITIONS = {
  'lab-graph': defineWidget({ meta: labGraphMeta, kind: 'lab', home: lab(['size', 'open', 'layer', 'color']), height: 760 }),
  'lab-runner': defineWidget({
    meta: labRunnerMeta,
    kind: 'lab',
    home: lab(['backend', 'sample', 'digit', 'seed']),
    height: 640,
    runs: `${TFJS}runs the model on the photo (seeded random weights).`,
  }),
  'lab-feature-maps': defineWidget({
    meta: labFeatureMapsMeta,
    kind: 'lab',
    home: lab(['layer', 'sample', 'digit', 'seed', 'backend']),
    height: 820,
    runs: `${TFJS}runs the model on the photo and reads one layer's output.`,
  }),
  'lab-explain': defineWidget({
    meta: labExplainMeta,
    kind: 'lab',
    home: (state) => {
      // The lab names the layer `cam` (its own `layer` is the selected one).
      const { layer, ...rest } = state;
      return lab(['cam', 'method', 'class', 'opacity', 'samples', 'noise', 'sample', 'digit', 'seed', 'backend'])({ ...rest, cam: layer });
    },
    height: 900,
    runs: `${TFJS}runs the model on the photo, then one backward pass per map (SmoothGrad: one per noisy copy).`,
  }),
  'lab-flops-vs-time': defineWidget({
    meta: labFlopsVsTimeMeta,
    kind: 'lab',
    home: lab(['psize', 'backend', 'seed']),
    height: 900,
    runs: `${TFJS}runs the model once; Profile then times every layer.`,
  }),
};
