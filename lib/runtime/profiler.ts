/**
 * The per-layer profiler: the real forward pass (fused, as every run executes it), timed step by
 * step. A step is what the executor runs as one unit: a node, or a conv with the BatchNorm (and
 * activation) folded into it, reported under the conv's name with every node it computed in
 * `nodes`. Each recorded iteration is one traced pass and one plain forward (interleaved, so drift
 * touches both alike). With wall time (wasm, cpu) the layers and the whole model are read by one
 * rule, the mean over the middle half of their passes (step-timer.ts typicalOf), so the sum of the
 * layers compares like with like with the whole model; with GPU timers both are medians.
 *
 * Timers, per backend:
 * - wasm, cpu ('wall'): timestamps between the steps through the executor's onStep, no read-back
 *   between them (step-timer.ts says why that is each step's time on a synchronous backend). Steps
 *   shorter than MIN_TICKS ticks of the clock are measured by repeating the traced pass (up to
 *   EXTRA_PASSES more passes within EXTRA_BUDGET_MS, each with a plain pass beside it), each pass
 *   one more in-place sample; so are passes that spread too widely for their typical time to be
 *   known within SETTLED_WITHIN (WASM threads on a busy machine). A step's time is its mean over
 *   the middle half of the traced passes (step-timer.ts stepTimes says why means).
 * - webgl ('webgl-timer'): each step's kernels in one tf.time() scope, i.e. EXT_disjoint_timer_
 *   query_webgl2 queries around each of its programs (tfjs-backend-webgl's runWebGLProgram), read
 *   after the pass: GPU time, no read-back between steps.
 * - webgpu ('webgpu-timestamp'): the same through tfjs-backend-webgpu's timestamp-query writes
 *   around each compute pass. While timing, tfjs-webgpu ends a compute pass and submits after every
 *   dispatch instead of batching them, so the traced pass is slower than a plain one; the kernel
 *   times themselves are GPU time.
 * - a GPU backend whose timer is missing ('wall', labelled): wall time between steps with a
 *   read-back of each step's output (the only way to know a queued GPU step has finished), so the
 *   layer sum then exceeds the whole model by that per-step sync.
 * GPU kernel times leave out JavaScript, dispatch and the final read-back, so on the GPU backends
 * the layer sum falls below the whole-model time; `tracePassMs` and `overheadMs` say by how much.
 */
import * as tf from '@tensorflow/tfjs';
import { stepWork } from '../arch/roofline';
import type { Node, OpKind } from '../arch/ir';
import { gpuTimerWorks, wasmThreadsInUse } from './backend';
import type { Model } from './executor';
import { throwIfCancelled, yieldToPage } from './cancel';
import {
  type Clock,
  type PassSpread,
  SETTLED_WITHIN,
  clockResolution,
  defaultClock,
  isResolved,
  passSpread,
  stepTimes,
  traceWallPass,
  typicalOf,
  typicalUncertainty,
} from './step-timer';
import { median, timedForward, warmThenTime } from './timing';

export { median } from './timing';
export { gpuTimerWorks } from './backend';

export type TimerKind = 'webgl-timer' | 'webgpu-timestamp' | 'wall';

/** One step of the fused forward pass. */
export interface LayerProfile {
  /** The step's first node (the conv of a fused chain). */
  readonly name: string;
  readonly op: OpKind;
  readonly group: string | null;
  /** Every node the step computed, in graph order: [name, …BN and activation folded into it]. */
  readonly nodes: readonly string[];
  /** Multiply-accumulates of those nodes (lib/arch cost model, at the model's graph size). */
  readonly macs: number;
  /** Compulsory float32 traffic of the step (lib/arch/roofline.ts stepWork). */
  readonly bytes: number;
  /** Median over the recorded passes. */
  readonly ms: number;
  readonly samples: readonly number[];
  readonly timer: TimerKind;
  /** How `ms` was read from the samples: their mean over the kept passes (wall time), or their median (GPU timers). */
  readonly estimator: 'median' | 'mean';
}

export interface ModelProfile {
  readonly graphId: string;
  readonly backend: string;
  readonly inputShape: readonly number[];
  readonly warmup: number;
  readonly repeats: number;
  readonly layers: readonly LayerProfile[];
  /** Sum of the per-step medians. */
  readonly sumLayersMs: number;
  /**
   * A typical plain forward (incl. reading the logits back), by the layers' own rule: with wall
   * time the mean of the middle half of the plain passes (typicalOf), as each layer is the mean
   * over the middle half of the traced passes; with GPU timers the median, as the layers are.
   */
  readonly wholeMs: number;
  readonly wholeEstimator: 'middle-half mean' | 'median';
  readonly wholeSamples: readonly number[];
  /** How the plain passes spread (fastest, quartiles, slowest). */
  readonly wholeSpread: PassSpread;
  /** On wasm: the threads the backend runs on (1 = the single-threaded binary); null elsewhere. */
  readonly threads: number | null;
  /** (sumLayersMs − wholeMs) / wholeMs. */
  readonly relativeGap: number;
  /** The timers that produced the layer numbers (normally one). */
  readonly timers: readonly TimerKind[];
  /** Median of the traced passes, end to end. */
  readonly tracePassMs: number;
  /** Median of (traced pass − sum of its steps): the read-back and what lies outside any step. */
  readonly overheadMs: number;
  /** The wall clock's resolution (ms), when wall time was used. */
  readonly clockResolutionMs: number | null;
}

export interface ProfileOptions {
  readonly warmup?: number;
  readonly repeats?: number;
  /** Called after each pass: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between passes: a cancel stops the profile with CancelledError, its tensors freed. */
  readonly signal?: AbortSignal | null;
  /** The wall clock (tests pass a fake one). */
  readonly clock?: Clock;
}

interface PassSteps {
  readonly steps: ReadonlyArray<{ node: string; fused: readonly string[]; ms: number }>;
  readonly passMs: number;
  readonly overheadMs: number;
}

const isGpu = (backend: string) => backend === 'webgl' || backend === 'webgpu';

/** One pass with each step in its own GPU timer scope; null when a timer gave no number. */
async function gpuTimedPass(model: Model, input: tf.Tensor4D, clock: Clock): Promise<PassSteps | null> {
  const timings: Array<Promise<tf.TimingInfo>> = [];
  const meta: Array<{ node: string; fused: readonly string[] }> = [];
  const t0 = clock();
  const y = model.execute(input, {
    wrapStep: (node, fused, run) => {
      let out: tf.Tensor | null = null;
      // engine.time runs the callback synchronously before its first await, so `out` is set here.
      timings.push(
        tf.time(() => {
          out = run();
        }),
      );
      meta.push({ node, fused });
      if (!out) throw new Error(`step ${node} produced no output under the GPU timer`);
      return out;
    },
  }).output;
  await y.data();
  y.dispose();
  const passMs = clock() - t0;
  const infos = await Promise.all(timings);
  if (infos.some((i) => typeof i.kernelMs !== 'number')) return null;
  const steps = meta.map((m, i) => ({ ...m, ms: infos[i].kernelMs as number }));
  return { steps, passMs, overheadMs: passMs - steps.reduce((s, x) => s + x.ms, 0) };
}

/** At most this many traced passes beyond the recorded ones, to resolve short steps and settle spread passes... */
export const EXTRA_PASSES = 40;
/** ...and for at most this long (ms of the clock). */
export const EXTRA_BUDGET_MS = 1500;

/** Profile `model` on an NHWC input on the current backend. */
export async function profileModel(model: Model, input: tf.Tensor4D, options: ProfileOptions = {}): Promise<ModelProfile> {
  const warmup = Math.max(0, options.warmup ?? 2);
  const repeats = Math.max(1, options.repeats ?? 5);
  const clock = options.clock ?? defaultClock;
  const backend = tf.getBackend();
  // The passes, plus one step of progress for the extra passes that resolve short steps.
  const total = warmup + 2 * repeats + 1;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);

  let timer: TimerKind = !isGpu(backend) ? 'wall' : !gpuTimerWorks(backend) ? 'wall' : backend === 'webgl' ? 'webgl-timer' : 'webgpu-timestamp';
  let resolution = timer === 'wall' ? clockResolution(clock) : null;

  // A queued GPU step has finished only once its output is read back: without a GPU timer, each
  // step is synced (and the layer sum then includes a read-back per step).
  const wallPass = (): PassSteps =>
    traceWallPass(clock, (onStep) => {
      const sync = isGpu(backend);
      const y = model.execute(input, {
        onStep: sync
          ? (s) => {
              s.output.dataSync();
              onStep(s);
            }
          : onStep,
      }).output;
      y.dataSync();
      y.dispose();
    });

  const order: Array<{ node: string; fused: readonly string[] }> = [];
  const perStep = new Map<string, number[]>();
  const traced: number[] = [];
  const overheads: number[] = [];
  const whole: number[] = [];
  const record = (pass: PassSteps) => {
    if (!order.length) for (const s of pass.steps) order.push({ node: s.node, fused: s.fused });
    for (const s of pass.steps) perStep.set(s.node, [...(perStep.get(s.node) ?? []), s.ms]);
    traced.push(pass.passMs);
    overheads.push(pass.overheadMs);
  };

  await warmThenTime(
    { warmup, repeats },
    async (recorded, i) => {
      // Which of the two goes first after the yield between iterations alternates, so neither is
      // always the one that finds caches cold or the process just rescheduled.
      const plainFirst = i % 2 === 1;
      if (plainFirst) {
        const { ms } = await timedForward(model, input);
        if (recorded) whole.push(ms);
      }
      let pass: PassSteps | null = null;
      if (timer !== 'wall') {
        pass = await gpuTimedPass(model, input, clock);
        if (!pass) {
          // A timer that gave no number: wall time (with a sync per step) from here on, and the
          // samples of the other timer are dropped so no step mixes the two.
          timer = 'wall';
          resolution = clockResolution(clock);
          perStep.clear();
          order.length = traced.length = overheads.length = 0;
        }
      }
      pass ??= wallPass();
      if (recorded) {
        record(pass);
        tick();
      }
      if (!plainFirst) {
        const { ms } = await timedForward(model, input);
        if (recorded) whole.push(ms);
      }
      tick();
    },
    { signal: options.signal },
  );

  // More traced passes, each with a plain one beside it (in alternating order, so both come from
  // the same stretch of time: a page still settling, a busy machine, touch both alike), while a
  // step is below MIN_TICKS ticks of the clock (each pass adds one in-place sample to every step)
  // or while the typical plain or traced pass is not yet known within SETTLED_WITHIN (passes that
  // spread widely, as with WASM threads, need more of them). Within EXTRA_PASSES and EXTRA_BUDGET_MS.
  if (timer === 'wall' && resolution !== null && !isGpu(backend)) {
    const res = resolution;
    const tracedSums = () => traced.map((t, i) => t - overheads[i]);
    const unsettled = () =>
      ![...perStep.values()].every((xs) => isResolved(xs, res)) ||
      typicalUncertainty(whole) > SETTLED_WITHIN ||
      typicalUncertainty(tracedSums()) > SETTLED_WITHIN;
    const start = clock();
    for (let extra = 0; extra < EXTRA_PASSES && clock() - start < EXTRA_BUDGET_MS && unsettled(); extra++) {
      throwIfCancelled(options.signal);
      await yieldToPage();
      if (extra % 2 === 1) whole.push((await timedForward(model, input)).ms);
      record(wallPass());
      if (extra % 2 === 0) whole.push((await timedForward(model, input)).ms);
    }
  }
  throwIfCancelled(options.signal);
  tick();

  const byName = new Map<string, Node>(model.graph.nodes.map((n) => [n.name, n]));
  const wall = timer === 'wall';
  // Wall time: means over the passes (stepTimes); GPU kernel times: medians (no interruptions to spread).
  const means = wall ? stepTimes(traced.map((_, i) => order.map(({ node }) => (perStep.get(node) ?? [])[i] ?? 0))).ms : null;
  const layers: LayerProfile[] = order.map(({ node, fused }, j) => {
    const n = byName.get(node) as Node;
    const nodes = [node, ...fused];
    const work = stepWork(nodes.map((x) => byName.get(x) as Node));
    const samples = perStep.get(node) ?? [];
    return {
      name: node,
      op: n.op.kind,
      group: n.group,
      nodes,
      macs: work.macs,
      bytes: work.bytes.total,
      ms: means ? means[j] : median(samples),
      samples,
      timer,
      estimator: means ? 'mean' : 'median',
    };
  });
  const sumLayersMs = layers.reduce((s, l) => s + l.ms, 0);
  const wholeMs = wall ? typicalOf(whole) : median(whole);
  return {
    graphId: model.graph.id,
    backend,
    inputShape: [...input.shape],
    warmup,
    repeats,
    layers,
    sumLayersMs,
    wholeMs,
    wholeEstimator: wall ? 'middle-half mean' : 'median',
    wholeSamples: whole,
    wholeSpread: passSpread(whole),
    threads: backend === 'wasm' ? (wasmThreadsInUse()?.count ?? 1) : null,
    relativeGap: (sumLayersMs - wholeMs) / wholeMs,
    timers: [timer],
    tracePassMs: median(traced),
    overheadMs: median(overheads),
    clockResolutionMs: timer === 'wall' ? resolution : null,
  };
}
