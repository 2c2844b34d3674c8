/**
 * The benchmark harness behind /bench (loaded with import(): it pulls in tfjs and the runtime).
 * Every call is one job of the page-wide tfjs queue on exactly the requested backend (no fallback:
 * a benchmark must measure what it was asked for). It builds a seeded model, measures with the
 * runtime's timed warm pass, and disposes the model and its input before returning, so the tensor
 * count is back at its starting value.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildGraph, nodeCost, parityDenseNetSmall, parityResNeXtSmall, type Graph } from '@/lib/arch';
import {
  type Model,
  createSeededModel,
  enqueue,
  hashInput,
  inputFromNCHW,
  median,
  numTensors as tensorCount,
  profileModel,
  runTfjsJob,
  timedForward,
  warmThenTime,
} from '@/lib/runtime';
import type { BenchLayer, LogitsOptions, RunOptions, RunResult } from './types';

export type Status = (text: string) => void;

function graphFor(model: string, size: number | undefined): Graph {
  if (model === 'densenet_small') return parityDenseNetSmall(size ?? 64);
  if (model === 'resnext_small') return parityResNeXtSmall(size ?? 64);
  return buildGraph(model, size ? { size } : {});
}

function inputOf(graph: Graph): tf.Tensor4D {
  const [c, h, w] = graph.input;
  return inputFromNCHW(hashInput([1, c, h, w]), [1, c, h, w]);
}

const now = () => performance.now();

const wholePass = async (model: Model, x: tf.Tensor4D): Promise<number> => (await timedForward(model, x)).ms;

interface Timed {
  wholeSamples: number[];
  /** End-to-end times of the traced passes themselves (execute + read-back). */
  traceSamples: number[];
  layers: BenchLayer[];
}

/**
 * Per-layer times from the real forward pass on a synchronous backend (wasm, cpu): every kernel has
 * finished when its op returns, so the time between two executor steps is that step's cost, with
 * fusion as in a plain forward and no read-back per layer. Trace passes and plain whole-model
 * passes alternate; the whole-model median comes from the plain ones.
 */
async function traceLayers(model: Model, x: tf.Tensor4D, warmup: number, runs: number, progress: (d: number, t: number) => void): Promise<Timed> {
  const samples = new Map<string, number[]>();
  const fusedInto = new Map<string, string>();
  const wholeSamples: number[] = [];
  const traceSamples: number[] = [];
  await warmThenTime({ warmup, repeats: runs }, async (recorded, i) => {
    const step = new Map<string, number>();
    const t0 = now();
    let t = t0;
    const y = model.execute(x, {
      onStep: (s) => {
        const t1 = now();
        step.set(s.node, t1 - t);
        for (const f of s.fused) fusedInto.set(f, s.node);
        t = t1;
      },
    }).output;
    y.dataSync();
    y.dispose();
    const traced = now() - t0;
    const whole = await wholePass(model, x);
    if (recorded) {
      traceSamples.push(traced);
      for (const [n, ms] of step) samples.set(n, [...(samples.get(n) ?? []), ms]);
      wholeSamples.push(whole);
    }
    progress(i + 1, warmup + runs);
  });
  const layers = model.graph.nodes.map((node): BenchLayer => {
    const into = fusedInto.get(node.name);
    const base = { name: node.name, op: node.op.kind, macs: nodeCost(node).macs, timer: 'wall' as const };
    return into ? { ...base, ms: 0, fusedInto: into } : { ...base, ms: median(samples.get(node.name) ?? []) };
  });
  return { wholeSamples, traceSamples, layers };
}

export function run(o: RunOptions, status: Status): Promise<RunResult> {
  return runTfjsJob({ backend: o.backend, strict: true }, ({ backend: info, tensorsBefore }) => measure(o, info.renderer, tensorsBefore, status));
}

async function measure(o: RunOptions, device: string, numTensorsBefore: number, status: Status): Promise<RunResult> {
  const runs = Math.max(1, o.runs ?? 5);
  const warmup = Math.max(0, o.warmup ?? 2);
  const graph = graphFor(o.model, o.size);
  const size = graph.input[1];
  status(`${o.model} on ${o.backend} at ${size}: building`);
  const model = createSeededModel(graph, o.seed ?? 0, { groupConv: o.groupConv ?? 'auto' });
  const x = inputOf(graph);
  let medianMs: number;
  let samples: number[];
  let layerSum: number | null = null;
  let layers: BenchLayer[] = [];
  let layerTimer: RunResult['layer_timer'] = null;
  let tracePass: number | null = null;
  try {
    const timer = (o.layerTimer ?? 'auto') === 'auto' ? (o.backend === 'wasm' || o.backend === 'cpu' ? 'trace' : 'profiler') : o.layerTimer!;
    const progress = (d: number, t: number) => status(`${o.model} on ${o.backend} at ${size}: pass ${d}/${t}`);
    if ((o.layers ?? true) && timer === 'trace') {
      if (o.backend !== 'wasm' && o.backend !== 'cpu') throw new Error(`layerTimer 'trace' needs a synchronous backend (wasm, cpu), not ${o.backend}`);
      const r = await traceLayers(model, x, warmup, runs, progress);
      samples = r.wholeSamples;
      medianMs = median(samples);
      layers = r.layers;
      layerSum = layers.reduce((a, l) => a + l.ms, 0);
      layerTimer = 'trace';
      tracePass = median(r.traceSamples);
    } else if (o.layers ?? true) {
      const p = await profileModel(model, x, { warmup, repeats: runs, onProgress: progress });
      medianMs = p.wholeMs;
      samples = [...p.wholeSamples];
      layerSum = p.sumLayersMs;
      layers = p.layers.map((l) => ({ name: l.name, op: l.op, macs: l.macs, ms: l.ms, timer: l.timer }));
      layerTimer = 'profiler';
    } else {
      const whole: number[] = [];
      await warmThenTime({ warmup, repeats: runs }, async (recorded, i) => {
        progress(i + 1, warmup + runs);
        const ms = await wholePass(model, x);
        if (recorded) whole.push(ms);
      });
      samples = whole;
      medianMs = median(samples);
    }
  } finally {
    x.dispose();
    model.dispose();
  }
  const numTensorsAfter = tensorCount();
  status(`${o.model} on ${o.backend} at ${size}: ${medianMs.toFixed(1)} ms`);
  return {
    model: o.model,
    backend: o.backend,
    size,
    device,
    groupConv: model.groupConv,
    runs,
    warmup,
    median_ms: medianMs,
    samples_ms: samples,
    layer_sum_ms: layerSum,
    layer_timer: layerTimer,
    trace_pass_ms: tracePass,
    layers,
    numTensorsBefore,
    numTensorsAfter,
  };
}

export function logits(o: LogitsOptions, status: Status): Promise<number[]> {
  return runTfjsJob({ backend: o.backend, strict: true }, () => logitsNow(o, status));
}

async function logitsNow(o: LogitsOptions, status: Status): Promise<number[]> {
  const graph = graphFor(o.model, o.size);
  status(`${o.model} on ${o.backend} at ${graph.input[1]}: logits`);
  const model = createSeededModel(graph, o.seed ?? 0, { groupConv: o.groupConv ?? 'auto' });
  const x = inputOf(graph);
  try {
    return Array.from((await timedForward(model, x)).data);
  } finally {
    x.dispose();
    model.dispose();
    status(`${o.model} on ${o.backend}: logits done`);
  }
}

/** The tensor count once every job queued before has finished. */
export function numTensors(): Promise<number> {
  return enqueue(async () => tensorCount());
}
