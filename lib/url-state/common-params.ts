/**
 * The URL parameters that mean the same thing in every widget, page and embed that has them,
 * declared once: `seed` (random weights, inputs or samples) and `backend` (the TensorFlow.js
 * backend). Metas, the lab, /compare and lib/embed/schema.ts import these.
 */
import { DIGITS_SPLIT } from '@/lib/data/digits/split';
import { BACKEND_ORDER, type BackendChoice } from '@/lib/runtime/backend-names';
import { enumP, intP, type EnumParam, type IntParam } from './schema';

/** `auto` and every backend name, in preference order. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', ...BACKEND_ORDER];

export const BACKEND_PARAM: EnumParam<BackendChoice> = enumP(
  BACKEND_CHOICES,
  'auto',
  'TensorFlow.js backend: auto tries webgpu, webgl, wasm, cpu and uses the first that starts',
);

/** Seeds are 31-bit (mulberry32 takes them as unsigned 32-bit; 2³¹ − 1 keeps URLs short and safe). */
export const SEED_MIN = 0;
export const SEED_MAX = 2 ** 31 - 1;

/** The seed parameter: one range everywhere; a widget says what it seeds and may start elsewhere than 0. */
export function seedParam(def = 0, doc = 'seed of the random weights'): IntParam {
  return { kind: 'int', min: SEED_MIN, max: SEED_MAX, default: def, doc };
}

/** The embed docs' generic seed (lib/embed/schema.ts RUNTIME_PARAMS). */
export const SEED_PARAM: IntParam = seedParam(0, 'seed of the random weights (and inputs)');

/** A test digit: an index into the digits test split (lib/data/digits/split.ts), 0 by default. */
export function digitParam(doc = 'the test digit shown to the model (index into the digits test split, 0–1999)'): IntParam {
  return intP(0, DIGITS_SPLIT.testCount - 1, 0, doc);
}
