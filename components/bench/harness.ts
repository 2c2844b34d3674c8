/**
 * The benchmark harness behind /bench (loaded with import(): it pulls in tfjs and the runtime).
 * Every call is one job of the page-wide tfjs queue on exactly the requested backend (no fallback:
 * a benchmark must measure what it was asked for). It builds a seeded model, measures with the
 * runtime's timed warm pass, and disposes the model and its input before returning, so the tensor
 * count is back at its starting value.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildGraph, parityDenseNetSmall, parityResNeXtSmall, type Graph } from '@/lib/arch';
import { deviceJson, profileToJson } from '@/lib/lab/profile-export';
import { toLabProfile } from '@/lib/lab/profile-stats';
import { measurePeaks } from '@/lib/runtime/device-peaks';
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
import { setWasmThreads } from '@/lib/runtime/backend';
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

const wholePass = async (model: Model, x: tf.Tensor4D): Promise<number> => (await timedForward(model, x)).ms;

/**
 * `/bench?threads=N`: the WebAssembly backend's thread count (1..8; 1 = the single-threaded SIMD
 * binary). Read once, before anything starts the backend, which keeps it for the page's life.
 * Without it: one per core, as the site runs. Throws (the harness reports it) on a bad value.
 */
export function configure(search: string): void {
  const raw = new URLSearchParams(search).get('threads');
  if (raw === null) return;
  if (!/^\d+$/.test(raw)) throw new RangeError(`threads must be a whole number, got "${raw}"`);
  setWasmThreads(Number(raw));
}

export function run(o: RunOptions, status: Status): Promise<RunResult> {
  return runTfjsJob({ backend: o.backend, strict: true }, ({ backend: info, tensorsBefore }) =>
    measure(o, info.renderer, info.threads?.count ?? null, tensorsBefore, status),
  );
}

async function measure(o: RunOptions, device: string, threads: number | null, numTensorsBefore: number, status: Status): Promise<RunResult> {
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
  let typical: number | null = null;
  let layers: BenchLayer[] = [];
  let layerTimer: RunResult['layer_timer'] = null;
  let tracePass: number | null = null;
  let peaks: RunResult['peaks'] = null;
  let profile: RunResult['profile'] = null;
  try {
    const progress = (d: number, t: number) => status(`${o.model} on ${o.backend} at ${size}: pass ${d}/${t}`);
    if (o.layers ?? true) {
      // The lab's profiler, peaks and export, unchanged: the same numbers as the lab shows.
      const p = await profileModel(model, x, { warmup, repeats: runs, onProgress: progress });
      status(`${o.model} on ${o.backend} at ${size}: measuring the device's peaks`);
      const roofs = await measurePeaks();
      const lab = toLabProfile(p, graph, roofs);
      profile = JSON.parse(profileToJson(lab, { model: o.model, renderer: device })) as Record<string, unknown>;
      peaks = deviceJson(lab) as unknown as RunResult['peaks'];
      samples = [...p.wholeSamples];
      medianMs = median(samples);
      typical = p.wholeMs;
      layerSum = p.sumLayersMs;
      tracePass = p.tracePassMs;
      layers = lab.rows.map((l) => ({
        name: l.name,
        op: l.op,
        nodes: l.nodes,
        macs: l.macs,
        ms: l.ms,
        timer: l.timer,
        estimator: l.estimator,
        intensity: Number.isFinite(l.intensity) ? l.intensity : null,
        rooflineFraction: Number.isFinite(l.rooflineFraction) ? l.rooflineFraction : null,
      }));
      layerTimer = p.timers[0] ?? null;
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
    threads,
    groupConv: model.groupConv,
    runs,
    warmup,
    median_ms: medianMs,
    samples_ms: samples,
    typical_ms: typical,
    layer_sum_ms: layerSum,
    layer_timer: layerTimer,
    trace_pass_ms: tracePass,
    layers,
    peaks,
    profile,
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
