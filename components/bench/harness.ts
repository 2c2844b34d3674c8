/**
 * The benchmark harness behind /bench (loaded with import(): it pulls in tfjs and the runtime).
 * Every call builds a seeded model on the requested backend, measures, and disposes the model and
 * its input before returning, so tf.memory().numTensors is back at its starting value.
 */
import * as tf from '@tensorflow/tfjs';
import { buildGraph, nodeCost, parityDenseNetSmall, parityResNeXtSmall, type Graph } from '@/lib/arch';
import { type BackendInfo, type Model, createSeededModel, hashInput, initBackend, inputFromNCHW, median, profileModel } from '@/lib/runtime';
import type { BenchBackend, BenchLayer, LogitsOptions, RunOptions, RunResult } from './types';

export type Status = (text: string) => void;

function graphFor(model: string, size: number | undefined): Graph {
  if (model === 'densenet_small') return parityDenseNetSmall(size ?? 64);
  if (model === 'resnext_small') return parityResNeXtSmall(size ?? 64);
  return buildGraph(model, size ? { size } : {});
}

const infos = new Map<BenchBackend, BackendInfo>();

async function switchBackend(backend: BenchBackend): Promise<BackendInfo> {
  const known = infos.get(backend);
  if (known && tf.getBackend() === backend) return known;
  if (known) {
    if (!(await tf.setBackend(backend))) throw new Error(`could not switch back to ${backend}`);
    await tf.ready();
    return known;
  }
  const info = await initBackend({ order: [backend] });
  infos.set(backend, info);
  return info;
}

function inputOf(graph: Graph): tf.Tensor4D {
  const [c, h, w] = graph.input;
  return inputFromNCHW(hashInput([1, c, h, w]), [1, c, h, w]);
}

const now = () => performance.now();

async function wholePass(model: Model, x: tf.Tensor4D): Promise<number> {
  const t0 = now();
  const y = model.predict(x);
  try {
    await y.data();
  } finally {
    y.dispose();
  }
  return now() - t0;
}

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
  for (let i = 0; i < warmup + runs; i++) {
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
    if (i >= warmup) {
      traceSamples.push(traced);
      for (const [n, ms] of step) samples.set(n, [...(samples.get(n) ?? []), ms]);
      wholeSamples.push(whole);
    }
    progress(i + 1, warmup + runs);
  }
  const layers = model.graph.nodes.map((node): BenchLayer => {
    const into = fusedInto.get(node.name);
    const base = { name: node.name, op: node.op.kind, macs: nodeCost(node).macs, timer: 'wall' as const };
    return into ? { ...base, ms: 0, fusedInto: into } : { ...base, ms: median(samples.get(node.name) ?? []) };
  });
  return { wholeSamples, traceSamples, layers };
}

export async function run(o: RunOptions, status: Status): Promise<RunResult> {
  const info = await switchBackend(o.backend);
  const runs = Math.max(1, o.runs ?? 5);
  const warmup = Math.max(0, o.warmup ?? 2);
  const graph = graphFor(o.model, o.size);
  const size = graph.input[1];
  const numTensorsBefore = tf.memory().numTensors;
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
      samples = [];
      for (let i = 0; i < warmup + runs; i++) {
        progress(i + 1, warmup + runs);
        const ms = await wholePass(model, x);
        if (i >= warmup) samples.push(ms);
      }
      medianMs = median(samples);
    }
  } finally {
    x.dispose();
    model.dispose();
  }
  const numTensorsAfter = tf.memory().numTensors;
  status(`${o.model} on ${o.backend} at ${size}: ${medianMs.toFixed(1)} ms`);
  return {
    model: o.model,
    backend: o.backend,
    size,
    device: info.renderer,
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

export async function logits(o: LogitsOptions, status: Status): Promise<number[]> {
  await switchBackend(o.backend);
  const graph = graphFor(o.model, o.size);
  status(`${o.model} on ${o.backend} at ${graph.input[1]}: logits`);
  const model = createSeededModel(graph, o.seed ?? 0, { groupConv: o.groupConv ?? 'auto' });
  const x = inputOf(graph);
  try {
    const y = model.predict(x);
    try {
      return Array.from(await y.data());
    } finally {
      y.dispose();
    }
  } finally {
    x.dispose();
    model.dispose();
    status(`${o.model} on ${o.backend}: logits done`);
  }
}

export function numTensors(): number {
  return tf.memory().numTensors;
}
