/**
 * The URL state of the training lab (/train) and of the `train` embed. The training parameters
 * themselves are declared once, in lib/train/config.ts (defaults, ranges, docs; the CLI's flags
 * come from the same declaration); this file adds what only the page has: which digits models to
 * train and their architecture knobs (knobs.ts), how often to evaluate, the feature-map layer and
 * the backend. The URL holds the
 * configuration, never the weights. Framework-free.
 */
import type { Graph } from '@/lib/arch';
import { DIGITS_SPLIT } from '@/lib/data/digits/split';
import { TRAIN_SETTINGS, resolveTrainConfig, type TrainSettingName } from '@/lib/train/config';
import type { TrainConfig } from '@/lib/train/types';
import { BACKEND_PARAM } from '@/lib/url-state/common-params';
import { enumP, intP, setP, stringP, type Notice, type Schema, type StateOf } from '@/lib/url-state/schema';
import { TRAIN_URL_PARAMS, settingsFromUrlState } from '@/lib/url-state/train-params';
import { TRAIN_SLOTS, knobParams, slotModelOf } from './knobs';
import { DEFAULT_TRAIN_MODEL, DIGITS_MODELS } from './models';
import type { TrainModel } from './session';

export { DEFAULT_TRAIN_MODEL, DIGITS_MODELS, modelColor, slotColor } from './models';
export { modelCost, weightsFilename } from './knobs';

const EVAL_EVERY = {
  ...intP(1, 1000, 20, 'steps between two test evaluations (on a fixed, stratified 500-image subset of the test split)'),
  label: 'Test every (steps)',
};
const LAYER = stringP(
  /^[A-Za-z0-9_.:-]*$/,
  'a layer name such as features.conv0',
  200,
  '',
  'the layer whose feature maps are shown (default: the first convolution)',
);

/**
 * /train: one or several models, trained one after another: each digits model, or its second
 * variant (`<id>-b`, knobs.ts), with its architecture knobs under `<slot>.<knob>`.
 */
export const trainPageSchema = {
  models: setP(
    TRAIN_SLOTS,
    [DEFAULT_TRAIN_MODEL],
    'the digits models to train, one after another (comma-separated); <id>-b is a second variant of <id>, with knobs of its own',
  ),
  ...TRAIN_URL_PARAMS,
  evalEvery: EVAL_EVERY,
  layer: LAYER,
  backend: BACKEND_PARAM,
  ...knobParams(TRAIN_SLOTS),
} as const;

/** The `train` embed: one model (with its knobs, named as on /train), the same training parameters. */
export const trainWidgetSchema = {
  model: enumP(DIGITS_MODELS, DEFAULT_TRAIN_MODEL, 'the digits model to train'),
  ...TRAIN_URL_PARAMS,
  evalEvery: EVAL_EVERY,
  layer: LAYER,
  backend: BACKEND_PARAM,
  ...knobParams(DIGITS_MODELS),
} as const;

export type TrainPageState = StateOf<typeof trainPageSchema>;
export type TrainWidgetState = StateOf<typeof trainWidgetSchema>;

/** The URL keys of the training settings (lib/train/config.ts), in declaration order. */
export const TRAIN_PARAM_NAMES = Object.keys(TRAIN_URL_PARAMS) as (keyof typeof TRAIN_URL_PARAMS)[];

/**
 * The TrainConfig a state asks for (epochs count over the 8,000 training digits), with a notice for
 * every setting lib/train/config.ts could not use, or that contradicts another (it says which wins).
 */
export function trainConfigOf(state: Readonly<Record<string, unknown>>): { config: TrainConfig; notices: Notice[] } {
  // A parsed state holds every setting; only those set away from their defaults count as given
  // (as in the URL, which leaves defaults out), so `epochs=2` alone is not "steps and epochs both".
  const all = settingsFromUrlState(state as StateOf<Schema>) as Record<string, unknown>;
  const given = Object.fromEntries(Object.entries(all).filter(([k, v]) => v !== TRAIN_SETTINGS[k as TrainSettingName].default));
  const { config, issues } = resolveTrainConfig(given, { trainSize: DIGITS_SPLIT.trainCount, names: 'url' });
  return {
    config,
    notices: issues.map((i) => {
      const d = TRAIN_SETTINGS[i.param as TrainSettingName];
      return { param: d ? d.url : i.param, given: '', allowed: '', message: i.message };
    }),
  };
}

/**
 * The settings that matter for a state: momentum and Nesterov for SGD, β₁, β₂ and ε for Adam, each
 * schedule's own parameters (the others keep their values in the URL but are not shown).
 */
export function relevantParams(state: Readonly<Record<string, unknown>>): string[] {
  const only: Partial<Record<TrainSettingName, boolean>> = {
    momentum: state.opt === 'sgd',
    nesterov: state.opt === 'sgd',
    beta1: state.opt === 'adam',
    beta2: state.opt === 'adam',
    eps: state.opt === 'adam',
    stepSize: state.schedule === 'step',
    gamma: state.schedule === 'step',
    tMax: state.schedule === 'cosine',
    etaMin: state.schedule === 'cosine',
  };
  return (Object.keys(TRAIN_SETTINGS) as TrainSettingName[]).filter((k) => only[k] !== false).map((k) => TRAIN_SETTINGS[k].url);
}

/** What each chosen slot trains (its knobs resolved), with a notice for every knob value not used. */
export function trainModelsOf(slots: readonly string[], state: Readonly<Record<string, unknown>>): { models: TrainModel[]; notices: Notice[] } {
  const models: TrainModel[] = [];
  const notices: Notice[] = [];
  for (const slot of slots) {
    const r = slotModelOf(slot, state);
    // A second variant with the same knobs as another model of the session still needs a name of its own.
    const taken = models.some((m) => m.label === r.model.label);
    models.push(taken ? { ...r.model, label: `${r.model.label}, variant B` } : r.model);
    notices.push(...r.notices);
  }
  return { models, notices };
}

/** The node whose maps are shown by default: the first convolution (by op kind, never by name). */
export function defaultLayer(graph: Graph): string {
  return graph.nodes.find((n) => n.op.kind === 'conv')?.name ?? graph.nodes[0]?.name ?? '';
}

/** `layer` when the graph has it, else the default. */
export function layerFor(graph: Graph, layer: string): string {
  return layer && graph.nodes.some((n) => n.name === layer) ? layer : defaultLayer(graph);
}
