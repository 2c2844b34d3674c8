/**
 * Architecture knobs on /train and in the `train` embed: each digits model trains as registered or
 * with its family's knobs changed (DenseNet's growth rate, block sizes, bn_size…; ResNeXt's
 * cardinality and width; ShuffleNet v2's stage repeats and widths; MnasNet's α and block choices).
 *
 * - The parameters are the model lab's own (lib/models/lab-schema.ts: the same short names, ranges,
 *   steps, labels and docs, derived from each family's knobSpecs in lib/arch, the model's own knobs
 *   as defaults), namespaced by the training slot: `densenet_digits.k=24`. So a trained network
 *   opens in the lab with exactly its knobs (`/models/densenet_digits?k=24`), by name.
 * - A slot is a model (`densenet_digits`) or its second variant (`densenet_digits-b`), so two
 *   variants of one family train one after another and are compared side by side, as the papers
 *   compare them (DenseNet k=12 against k=24, ResNeXt 32×4d against 8×16d).
 * - A bad value gets the schema's notice and its default; a combination lib/arch refuses (a
 *   compression that empties a transition, an input that vanishes) a notice naming lib/arch's
 *   reason, and the slot trains the model as registered.
 *
 * Framework-free.
 */
import { SpecError, buildGraph, graphCost, modelKnobs, type Graph, type KnobInput } from '@/lib/arch';
import { knobOverrides, labKnobQuery, modelKnobParams } from '@/lib/models/lab-schema';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { trainingRefusal } from '@/lib/train/train-footprint';
import { formatValue, type Notice, type Param, type Schema } from '@/lib/url-state/schema';
import { DIGITS_MODELS, VARIANT_SUFFIX } from './models';
import type { TrainModel } from './session';

/** Every slot, in the order they train and are listed: each model, then its second variant. */
export const TRAIN_SLOTS: readonly string[] = DIGITS_MODELS.flatMap((id) => [id, `${id}${VARIANT_SUFFIX}`]);

/** The registered model a slot trains. */
export function slotModel(slot: string): string {
  return slot.endsWith(VARIANT_SUFFIX) ? slot.slice(0, -VARIANT_SUFFIX.length) : slot;
}

export const isVariantSlot = (slot: string): boolean => slot.endsWith(VARIANT_SUFFIX);

/** `densenet_digits.k`: a knob's URL name on /train. */
export const knobParamName = (slot: string, short: string): `${string}.${string}` => `${slot}.${short}`;

/** The short (lab) names of a model's knobs, in the lab's panel order. */
export function shortKnobNames(id: string): string[] {
  return Object.keys(modelKnobParams(id));
}

/** The namespaced knob parameters of some slots (each the lab's parameter, as declared). */
export function knobParams(slots: readonly string[]): Readonly<Record<`${string}.${string}`, Param>> {
  const out: Record<string, Param> = {};
  for (const slot of slots) for (const [short, p] of Object.entries(modelKnobParams(slotModel(slot)))) out[knobParamName(slot, short)] = p;
  return out as Record<`${string}.${string}`, Param>;
}

/** The knob names of one slot (namespaced). */
export function slotKnobNames(slot: string): string[] {
  return shortKnobNames(slotModel(slot)).map((s) => knobParamName(slot, s));
}

/** Every knob of a slot at the model's own value (a reset), under the namespaced names. */
export function slotDefaults(slot: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(knobParams([slot])).map(([n, p]) => [n, p.default]));
}

/** A slot's knob values under their short names (the lab's state for them). */
function shortState(slot: string, state: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(shortKnobNames(slotModel(slot)).map((s) => [s, state[knobParamName(slot, s)]]));
}

/** The model's default value of every knob parameter: `{ k: 12, blocks: [4, 4, 4], … }`. */
function ownValues(id: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(modelKnobParams(id)).map(([s, p]) => [s, p.default]));
}

/** A model's graph and cost (lib/arch's counters) for some knob overrides, cached (the setup redraws often). */
const costs = new Map<string, { graph: Graph; params: number; macs: number }>();
const MAX_CACHED = 64;
export function modelCost(id: string, knobs: KnobInput = {}): { graph: Graph; params: number; macs: number } {
  const key = `${id}|${JSON.stringify(knobs)}`;
  let c = costs.get(key);
  if (!c) {
    // No overrides: the registered model itself, named by its id (buildGraph names others by their knobs).
    const graph = Object.keys(knobs).length ? buildGraph(id, knobs) : buildGraph(id);
    const { total } = graphCost(graph);
    c = { graph, params: total.params, macs: total.macs };
    if (costs.size >= MAX_CACHED) costs.delete(costs.keys().next().value!);
    costs.set(key, c);
  }
  return c;
}

/** A short, readable name of the changed knobs: `k=24`, `C=8 · d=16`, `α=0.5 · blocks changed`. */
function variantOf(id: string, changed: Readonly<Record<string, unknown>>): string {
  const params = modelKnobParams(id);
  return Object.entries(changed)
    .map(([s, v]) => (params[s].kind === 'string' ? `${s} changed` : `${s}=${formatValue(params[s], v)}`))
    .join(' · ');
}

/** What a slot trains, with a notice for every knob value it could not use. */
export function slotModelOf(slot: string, state: Readonly<Record<string, unknown>>): { model: TrainModel; notices: Notice[] } {
  const id = slotModel(slot);
  const values = shortState(slot, state);
  const own = ownValues(id);
  const params = modelKnobParams(id);
  // Only the knobs set away from the model's own count: the rest stays as registered.
  const changed = Object.fromEntries(Object.entries(values).filter(([s, v]) => formatValue(params[s], v) !== formatValue(params[s], own[s])));
  const notices: Notice[] = [];
  const plain = (): TrainModel => ({ key: slot, id, knobs: {}, label: isVariantSlot(slot) ? `${id} (B)` : id, variant: '', labQuery: '' });
  if (Object.keys(changed).length === 0) return { model: plain(), notices };
  const { knobs, error } = knobOverrides(id, { ...own, ...changed });
  if (error) {
    // Only MnasNet's block code can be malformed past the schema: the rest of its knobs still apply.
    notices.push({
      param: knobParamName(slot, 'blocks'),
      given: '',
      allowed: '',
      message: `${id}: the block code is invalid (${error}); using the model's own blocks.`,
    });
    delete changed.blocks;
    if (Object.keys(changed).length === 0) return { model: plain(), notices };
  }
  const resolved = modelKnobs(id) as Record<string, unknown>;
  const overrides = Object.fromEntries(Object.entries(knobs).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(resolved[k])));
  try {
    modelCost(id, overrides);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    notices.push({
      param: slot,
      given: '',
      allowed: '',
      message: `${id} cannot be built with ${variantOf(id, changed)}: ${e.message}. Training ${id} as registered instead.`,
    });
    return { model: plain(), notices };
  }
  const variant = variantOf(id, changed);
  return { model: { key: slot, id, knobs: overrides, label: `${id} (${variant})`, variant, labQuery: labKnobQuery(id, changed) }, notices };
}

/** What the setup says about a network too big to train (runtime.ts checks again on the backend that runs). */
export const REFUSAL_ADVICE = 'Choose a smaller batch size or smaller knobs.';

/**
 * Why `model` cannot train on `backend` at this batch size (the run guard's memory budgets,
 * lib/runtime/run-guard.ts, over lib/train/train-footprint.ts's estimate), or null. With `auto` the
 * backend is known only once training starts: the setup refuses what no backend can hold (wasm's
 * and cpu's 2 GiB are the largest budgets), and the runtime refuses on the chosen one.
 */
export function setupRefusal(model: TrainModel, batchSize: number, backend: BackendChoice): string | null {
  const refusal = trainingRefusal(modelCost(model.id, model.knobs).graph, batchSize, backend === 'auto' ? 'wasm' : backend, REFUSAL_ADVICE);
  return refusal ? `${model.label}: ${refusal}` : null;
}

/** FNV-1a (32-bit) of a string, as 8 hex digits: a short, stable name for a long value. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * `<id>[-<variant>]-digits-<steps>steps.safetensors`: the model, which variant (its changed knobs,
 * file-name safe: `k24-blocks6.6.6`; a changed MnasNet block code, 7 × op:kernel:se:skip:mult:layers,
 * as a short hash of it), the dataset and the steps.
 */
export function weightsFilename(model: Pick<TrainModel, 'id' | 'labQuery'>, steps: number): string {
  const parts = [...new URLSearchParams(model.labQuery)].map(([k, v]) => (/^[0-9.,]+$/.test(v) ? `${k}${v.replace(/,/g, '.')}` : `${k}${shortHash(v)}`));
  return `${[model.id, ...parts].join('-')}-digits-${steps}steps.safetensors`;
}

/** The slots' schema part for a page: every slot's knobs (/train) or the models' own slots only (the embed). */
export function trainKnobSchema(slots: readonly string[]): Schema {
  return knobParams(slots);
}
