/**
 * The models the training lab offers (every registered digits model) and their colours. Its own
 * file so that schema.ts and knobs.ts, which both need the list, do not import each other.
 */
import { hsl } from 'd3-color';
import { modelIdsFor } from '@/lib/arch';

/** Every registered digits model (ModelEntry.dataset === 'digits'), in registry order. */
export const DIGITS_MODELS: readonly string[] = modelIdsFor('digits');

/** The model the lab opens with: "watch a DenseNet learn digits". */
export const DEFAULT_TRAIN_MODEL = DIGITS_MODELS.includes('densenet_digits') ? 'densenet_digits' : DIGITS_MODELS[0];

/** Okabe–Ito, by position in DIGITS_MODELS: one colour per model in every chart of the lab. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
export function modelColor(id: string): string {
  const i = DIGITS_MODELS.indexOf(id);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
}

/** The suffix of a model's second training slot: `densenet_digits-b` trains a second DenseNet variant (knobs.ts). */
export const VARIANT_SUFFIX = '-b';

/**
 * A training slot's colour (knobs.ts: a model, or `<id>-b`, its second variant): the model's own,
 * and for the second variant the same hue, darker, so the pair reads as one family in the charts.
 */
export function slotColor(slot: string): string {
  if (!slot.endsWith(VARIANT_SUFFIX)) return modelColor(slot);
  const c = hsl(modelColor(slot.slice(0, -VARIANT_SUFFIX.length)));
  c.l *= 0.6;
  return c.formatHex();
}
