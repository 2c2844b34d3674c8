/**
 * The weights of the reuse widget's digits network (densenet_digits), as plain state dicts (no
 * tfjs): the trained ones shipped with the site (lib/weights/shipped-digits.ts, fetched once per
 * page). The random ones are He init (lib/runtime/weights/he-init.ts). Both feed the Fig. 5 heat
 * map (weight-reuse.ts) and the forward pass (run.ts).
 */
import type { StateDict } from '@/lib/runtime/weights/types';
import { loadShippedDigits, SHIPPED_DIGITS, shippedDigits } from '@/lib/weights/shipped-digits';
import { REUSE_DIGITS_MODEL } from './meta';

/** Whether the site ships trained weights for the widget's digits network. */
export const hasTrainedWeights = (): boolean => REUSE_DIGITS_MODEL in SHIPPED_DIGITS;

/** Held test accuracy of the shipped weights (0..1), or null when none are shipped. */
export const trainedAccuracy = (): number | null => SHIPPED_DIGITS[REUSE_DIGITS_MODEL]?.testAccuracy ?? null;

/**
 * The seed the shipped training started from (its record): He init with it is exactly where the
 * trained weights began (lib/train/run.ts initialises with heInit(graph, seed)), so the heat map
 * can put the trained weights next to the same network before training. 0 when none ship.
 */
export const trainingSeed = (): number => shippedDigits(REUSE_DIGITS_MODEL)?.record.training.seed ?? 0;

let trained: StateDict | null = null;

/** The shipped weights: fetched (and checked) the first time, then the same object. */
export async function trainedWeights(options: { signal?: AbortSignal } = {}): Promise<StateDict> {
  if (!trained) trained = await loadShippedDigits(REUSE_DIGITS_MODEL, { signal: options.signal });
  return trained;
}
