/**
 * Per-layer profiler. Runs the graph node by node, timing each node, `warmup` times unrecorded and
 * then `repeats` times; reports per-node medians next to the whole-model latency measured in the
 * same session (plain forward, median), and the relative gap between the two.
 *
 * Timers, reported per node so the UI can label them:
 * - 'webgl-timer'      tf.time()'s kernelMs on webgl (EXT_disjoint_timer_query): GPU time of the
 *                      node's kernels, no read-back.
 * - 'webgpu-timestamp' tf.time()'s kernelMs on webgpu (timestamp-query).
 * - 'wall'             performance.now() around the node plus a forced sync (dataSync on cpu/wasm,
 *                      await data() on GPU backends), used on cpu/wasm and whenever kernelMs is not
 *                      a number (tf.time returns {error} when the timer extension is missing).
 * Per-layer wall times on GPU backends include one read-back per layer, so their sum exceeds the
 * whole-model time; the reported gap makes that visible instead of hiding it.
 *
 * Warm-up and timed rounds follow the runtime's one timed warm pass (timing.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { nodeCost } from '../arch/cost';
import { INPUT, type OpKind } from '../arch/ir';
import { type Model, consumerCounts } from './executor';
import { applyNode } from './ops';
import { median, timedForward, warmThenTime } from './timing';

export { median } from './timing';

export type TimerKind = 'webgl-timer' | 'webgpu-timestamp' | 'wall';

export interface LayerProfile {
  readonly name: string;
  readonly op: OpKind;
  readonly group: string | null;
  /** Multiply-accumulates (lib/arch cost model, at the graph's own input size). */
  readonly macs: number;
  /** Float32 bytes read + written incl. weights (lib/arch cost model). */
  readonly bytes: number;
  /** Median over the recorded repeats. */
  readonly ms: number;
  readonly samples: readonly number[];
  readonly timer: TimerKind;
}

export interface ModelProfile {
  readonly graphId: string;
  readonly backend: string;
  readonly inputShape: readonly number[];
  readonly warmup: number;
  readonly repeats: number;
  readonly layers: readonly LayerProfile[];
  /** Sum of the per-layer medians. */
  readonly sumLayersMs: number;
  /** Median plain forward (incl. reading the logits back). */
  readonly wholeMs: number;
  readonly wholeSamples: readonly number[];
  /** (sumLayersMs - wholeMs) / wholeMs. */
  readonly relativeGap: number;
  /** The timers that produced the layer numbers (normally one). */
  readonly timers: readonly TimerKind[];
}

export interface ProfileOptions {
  readonly warmup?: number;
  readonly repeats?: number;
  /** Called after each pass: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between passes: a cancel stops the profile with CancelledError, its tensors freed. */
  readonly signal?: AbortSignal | null;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function isGpu(backend: string): boolean {
  return backend === 'webgl' || backend === 'webgpu';
}

async function sync(t: tf.Tensor, backend: string): Promise<void> {
  if (isGpu(backend)) await t.data();
  else t.dataSync();
}

/** One timed node: returns the output and the milliseconds with the timer that produced them. */
async function timeNode(run: () => tf.Tensor, backend: string, state: { gpuTimerBroken: boolean }): Promise<{ y: tf.Tensor; ms: number; timer: TimerKind }> {
  if (isGpu(backend) && !state.gpuTimerBroken) {
    let y: tf.Tensor | null = null;
    try {
      const info = await tf.time(() => {
        y = run();
      });
      // kernelMs is a number when the GPU timer works and {error: string} when it does not.
      if (y && typeof info.kernelMs === 'number') return { y, ms: info.kernelMs, timer: backend === 'webgl' ? 'webgl-timer' : 'webgpu-timestamp' };
    } catch {
      // fall through to a wall-clock measurement
    }
    // Don't pay for a failed GPU-timer attempt on every node of every pass.
    state.gpuTimerBroken = true;
    if (y) (y as tf.Tensor).dispose();
  }
  const t0 = now();
  const y = run();
  await sync(y, backend);
  return { y, ms: now() - t0, timer: 'wall' };
}

/** One node-by-node pass; returns per-node times. All intermediates are disposed. */
async function profiledPass(
  model: Model,
  input: tf.Tensor4D,
  backend: string,
  state: { gpuTimerBroken: boolean },
): Promise<Map<string, { ms: number; timer: TimerKind }>> {
  const graph = model.graph;
  const remaining = consumerCounts(graph);
  const values = new Map<string, tf.Tensor>();
  const times = new Map<string, { ms: number; timer: TimerKind }>();
  try {
    for (const node of graph.nodes) {
      const ins = node.inputs.map((n) => (n === INPUT ? input : (values.get(n) as tf.Tensor)));
      const params = model.paramsOf(node.name);
      const { y, ms, timer } = await timeNode(() => applyNode(node, ins, params), backend, state);
      values.set(node.name, y);
      times.set(node.name, { ms, timer });
      for (const n of node.inputs) {
        if (n === INPUT) continue;
        const left = (remaining.get(n) ?? 1) - 1;
        remaining.set(n, left);
        if (left === 0) {
          values.get(n)?.dispose();
          values.delete(n);
        }
      }
    }
  } finally {
    for (const t of values.values()) t.dispose();
  }
  return times;
}

/** Profile `model` on an NHWC input on the current backend. */
export async function profileModel(model: Model, input: tf.Tensor4D, options: ProfileOptions = {}): Promise<ModelProfile> {
  const warmup = options.warmup ?? 2;
  const repeats = Math.max(1, options.repeats ?? 5);
  const backend = tf.getBackend();
  const total = warmup + 2 * repeats;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  const state = { gpuTimerBroken: false };

  const perNode = new Map<string, number[]>();
  const timerOf = new Map<string, TimerKind>();
  const whole: number[] = [];
  // Interleave layer passes and whole passes so drift (thermal, GC) affects both alike.
  await warmThenTime(
    { warmup, repeats },
    async (recorded) => {
      const times = await profiledPass(model, input, backend, state);
      if (recorded) {
        for (const [name, { ms, timer }] of times) {
          if (!perNode.has(name)) perNode.set(name, []);
          perNode.get(name)!.push(ms);
          // A node that ever fell back to wall time is reported as wall.
          if (timerOf.get(name) !== 'wall') timerOf.set(name, timer);
        }
        tick();
      }
      const { ms } = await timedForward(model, input);
      if (recorded) whole.push(ms);
      tick();
    },
    { signal: options.signal },
  );
  const layers: LayerProfile[] = model.graph.nodes.map((node) => {
    const samples = perNode.get(node.name) ?? [];
    const cost = nodeCost(node);
    return {
      name: node.name,
      op: node.op.kind,
      group: node.group,
      macs: cost.macs,
      bytes: cost.memBytes,
      ms: median(samples),
      samples,
      timer: timerOf.get(node.name) ?? 'wall',
    };
  });
  const sumLayersMs = layers.reduce((s, l) => s + l.ms, 0);
  const wholeMs = median(whole);
  return {
    graphId: model.graph.id,
    backend,
    inputShape: [...input.shape],
    warmup,
    repeats,
    layers,
    sumLayersMs,
    wholeMs,
    wholeSamples: whole,
    relativeGap: (sumLayersMs - wholeMs) / wholeMs,
    timers: [...new Set(layers.map((l) => l.timer))],
  };
}
