/**
 * Wall-clock timing of the steps of one real (fused) forward pass, through the executor's hooks
 * (ExecuteOptions.onStep), with no read-back between steps, and the estimate of each step's time
 * from many such passes. tfjs-free: the clock and the pass are passed in, so the arithmetic is
 * tested with a fake clock.
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
 * Steps shorter than the clock can resolve (browsers coarsen performance.now() to 100 µs without
 * cross-origin isolation, with a random threshold inside each tick, so a reading is right on
 * average; Node's clock is sub-microsecond) are measured by repeating the pass: each extra pass
 * adds one in-place sample per step, and a step whose samples together span MIN_TICKS ticks is
 * resolved by their mean (stepTimes). Repeating a step back to back instead measures it with
 * its inputs and output hot in cache and its output buffer recycled: on WASM in Chromium that made
 * short steps 2–10× faster than in the pass, and the layer sum 57 % short of the whole model, so
 * the profiler never does that.
 */

/** A monotonic clock in milliseconds (performance.now). */
export type Clock = () => number;

export const defaultClock: Clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The executor's onStep hook (ExecuteOptions.onStep), as far as timing needs it. */
export type StepHook = (step: { readonly node: string; readonly fused: readonly string[] }) => void;

export interface StepSample {
  readonly node: string;
  readonly fused: readonly string[];
  /** Its interval between its onStep and the previous one (or the pass's start). */
  readonly ms: number;
}

export interface TracedPass {
  readonly steps: readonly StepSample[];
  /** The whole traced pass, start to after `pass` returned. */
  readonly passMs: number;
  /** Sum of the step intervals. */
  readonly intervalSumMs: number;
  /** passMs − intervalSumMs: before the first step and after the last (read-back of the logits). */
  readonly overheadMs: number;
}

/** Times one pass. `pass(onStep)` runs the forward with the hook and reads the output back before it returns. */
export function traceWallPass(clock: Clock, pass: (onStep: StepHook) => void): TracedPass {
  const steps: StepSample[] = [];
  const t0 = clock();
  let last = t0;
  pass(({ node, fused }) => {
    const t = clock();
    steps.push({ node, fused, ms: t - last });
    last = t;
  });
  const passMs = clock() - t0;
  const intervalSumMs = steps.reduce((s, x) => s + x.ms, 0);
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

const medianOf = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Whether a step's samples resolve it: one sample (their median) spans MIN_TICKS ticks, or all of them together do. */
export function isResolved(samples: readonly number[], resolutionMs: number): boolean {
  if (!samples.length) return false;
  const target = MIN_TICKS * resolutionMs;
  return medianOf(samples) >= target || samples.reduce((a, b) => a + b, 0) >= target;
}

/**
 * Indices (in index order) of the middle half of `xs` ranked by value: the quarter fastest and the
 * quarter slowest set aside (ties broken by index); all of them when there are fewer than 4.
 */
export function middleHalf(xs: readonly number[]): number[] {
  const q = xs.length < 4 ? 0 : Math.floor(xs.length / 4);
  return xs
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .slice(q, xs.length - q)
    .map((r) => r.i)
    .sort((a, b) => a - b);
}

/**
 * A typical pass: the mean of the middle half (the interquartile mean). The profiler reads the whole
 * model and the layers by this one rule, so their sums compare like with like even when passes
 * spread unevenly: with WASM threads a pass now and then waits for a worker the OS has not yet
 * woken, a long right tail that a median and a mean of a different set of passes would read
 * differently.
 */
export function typicalOf(xs: readonly number[]): number {
  const kept = middleHalf(xs);
  return kept.length ? kept.reduce((a, i) => a + xs[i], 0) / kept.length : NaN;
}

/**
 * How well `typicalOf(xs)` is known: the standard error of the kept passes' mean relative to it
 * (Infinity with fewer than 2 passes). The profiler keeps adding passes while this is above
 * SETTLED_WITHIN, within its budget.
 */
export function typicalUncertainty(xs: readonly number[]): number {
  const kept = middleHalf(xs).map((i) => xs[i]);
  if (kept.length < 2) return Infinity;
  const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
  const variance = kept.reduce((a, b) => a + (b - mean) ** 2, 0) / (kept.length - 1);
  return mean > 0 ? Math.sqrt(variance / kept.length) / mean : Infinity;
}

/** A typical pass is settled when its standard error is within 2 % of it. */
export const SETTLED_WITHIN = 0.02;

/** The fastest, quartiles and slowest of the passes, for the reader to see how much they spread. */
export interface PassSpread {
  readonly fastest: number;
  readonly q1: number;
  readonly q3: number;
  readonly slowest: number;
}

export function passSpread(xs: readonly number[]): PassSpread {
  const s = [...xs].sort((a, b) => a - b);
  const at = (f: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(f * (s.length - 1) + 0.5))] : NaN);
  return { fastest: s[0] ?? NaN, q1: at(0.25), q3: at(0.75), slowest: s[s.length - 1] ?? NaN };
}

export interface StepTimes {
  /** Per step (in `passes[i]` order): its mean interval over the kept passes. */
  readonly ms: readonly number[];
  /** Indices of the passes the means are over. */
  readonly kept: readonly number[];
}

/**
 * Each step's time from many traced passes: the mean of its intervals over the middle half of the
 * passes (ranked by how long their steps took together; middleHalf). Means, not per-step medians,
 * because what interrupts a pass now and then (a garbage collection, another process) lands on a
 * different step each time: a per-step median drops it from every step, so the medians add up to
 * less than a typical pass, while the means add up exactly to the mean of the passes kept, which
 * is typicalOf the traced passes. `passes[i][j]`: pass i's interval for step j.
 */
export function stepTimes(passes: readonly (readonly number[])[]): StepTimes {
  if (!passes.length) return { ms: [], kept: [] };
  const kept = middleHalf(passes.map((p) => p.reduce((a, b) => a + b, 0)));
  const n = passes[0].length;
  const ms = Array.from({ length: n }, (_, j) => kept.reduce((a, i) => a + passes[i][j], 0) / kept.length);
  return { ms, kept };
}
