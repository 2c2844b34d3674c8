/**
 * Wall-clock timing of the steps of one real (fused) forward pass, through the executor's hooks
 * (ExecuteOptions.wrapStep and onStep), with no read-back between steps. tfjs-free: the clock and
 * the pass are passed in, so the arithmetic is tested with a fake clock.
 *
 * On the synchronous backends (wasm, cpu) a kernel has finished when its op returns: tfjs-backend-
 * wasm calls into the WebAssembly module synchronously and the cpu backend computes in JavaScript,
 * and neither queues work (dataSync on either is a plain read of memory that is already written).
 * So the clock's reading at one step's onStep minus its reading at the previous step's onStep is
 * what that step cost in the forward pass, its share of the executor's bookkeeping (freeing the
 * inputs it was the last reader of) included. These intervals tile the pass: their sum is the
 * traced pass minus only what runs before the first step and after the last (the read-back of the
 * logits), reported as `overheadMs`.
 *
 * A step shorter than the clock can resolve (browsers coarsen performance.now() to 100 µs without
 * cross-origin isolation; Node's is sub-microsecond) is repeated back to back inside its own step,
 * on its real inputs, `repeats` times; its sample is the repeated time over `repeats`, and the
 * repeating is taken out of the pass's intervals, so it never lands on another step.
 */

/** A monotonic clock in milliseconds (performance.now). */
export type Clock = () => number;

export const defaultClock: Clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** What the executor hands the hooks; `dispose` frees a repeated run's output. */
export interface Disposable {
  dispose(): void;
}

export interface StepHooks<T extends Disposable> {
  readonly wrapStep: (node: string, fused: readonly string[], run: () => T) => T;
  readonly onStep: (step: { readonly node: string; readonly fused: readonly string[] }) => void;
}

export interface StepSample {
  readonly node: string;
  readonly fused: readonly string[];
  /** The step's time for this pass: its interval, or the repeated mean when it was repeated. */
  readonly ms: number;
  /** Its interval between the two onStep calls, the repeating taken out. */
  readonly intervalMs: number;
  /** How many back-to-back runs `ms` is the mean of (0: `ms` is the interval itself). */
  readonly repeats: number;
}

export interface TracedPass {
  readonly steps: readonly StepSample[];
  /** The whole traced pass (start to after `pass` returned), the repeating taken out. */
  readonly passMs: number;
  /** Sum of the step intervals. */
  readonly intervalSumMs: number;
  /** passMs − intervalSumMs: before the first step and after the last (read-back of the logits). */
  readonly overheadMs: number;
}

/**
 * Times one pass. `pass(hooks)` runs the forward with the hooks and reads the output back before it
 * returns; `repeats(node)` says how many back-to-back runs to time a step with (0 = none).
 */
export function traceWallPass<T extends Disposable>(
  clock: Clock,
  pass: (hooks: StepHooks<T>) => void,
  repeats: (node: string) => number = () => 0,
): TracedPass {
  const steps: StepSample[] = [];
  let excludedInStep = 0;
  let excludedTotal = 0;
  let repeated: { ms: number; k: number } | null = null;
  const t0 = clock();
  let last = t0;
  pass({
    wrapStep: (node, _fused, run) => {
      const y = run();
      const k = repeats(node);
      if (k > 0) {
        const a = clock();
        for (let i = 0; i < k; i++) run().dispose();
        const spent = clock() - a;
        excludedInStep += spent;
        repeated = { ms: spent / k, k };
      }
      return y;
    },
    onStep: ({ node, fused }) => {
      const t = clock();
      const intervalMs = t - last - excludedInStep;
      const r = repeated as { ms: number; k: number } | null;
      steps.push({ node, fused, ms: r ? r.ms : intervalMs, intervalMs, repeats: r ? r.k : 0 });
      excludedTotal += excludedInStep;
      excludedInStep = 0;
      repeated = null;
      last = t;
    },
  });
  const passMs = clock() - t0 - excludedTotal;
  const intervalSumMs = steps.reduce((s, x) => s + x.intervalMs, 0);
  return { steps, passMs, intervalSumMs, overheadMs: passMs - intervalSumMs };
}

/**
 * The clock's resolution: the smallest positive difference between successive readings, over at
 * most `samples` changes or `budgetMs` of spinning (100 µs in a browser page that is not
 * cross-origin isolated, 5 µs when it is; well under 1 µs in Node).
 */
export function clockResolution(clock: Clock = defaultClock, samples = 8, budgetMs = 4): number {
  let best = Infinity;
  const start = clock();
  let prev = start;
  let seen = 0;
  for (let i = 0; i < 5_000_000 && seen < samples; i++) {
    const t = clock();
    if (t > prev) {
      best = Math.min(best, t - prev);
      seen++;
      prev = t;
    }
    if (t - start > budgetMs) break;
  }
  return Number.isFinite(best) ? best : budgetMs;
}

/** A step is resolved when it spans this many clock ticks: the ±1 tick of a reading is then ≤ 5 %. */
export const MIN_TICKS = 20;
/** At most this many back-to-back runs of one step per pass. */
export const MAX_REPEATS = 200;

/**
 * How many back-to-back runs a step of about `estimateMs` needs to span MIN_TICKS ticks of a clock
 * of `resolutionMs`; 0 when one run already does. A step that read 0 (below one tick) is taken to
 * be a quarter of a tick.
 */
export function repeatsFor(estimateMs: number, resolutionMs: number): number {
  const target = MIN_TICKS * resolutionMs;
  if (!(resolutionMs > 0) || estimateMs >= target) return 0;
  const per = Math.max(estimateMs, resolutionMs / 4);
  return Math.min(MAX_REPEATS, Math.ceil(target / per));
}
