/**
 * The benchmark harness behind /bench (loaded with import(): it pulls in tfjs and the runtime).
 * Every call builds a seeded model on the requested backend, measures, and disposes the model and
 * its input before returning, so tf.memory().numTensors is back at its starting value.
 */
import * as tf from '@tensorflow/tfjs';
import { buildGraph, parityDenseNetSmall, parityResNeXtSmall, type Graph } from '@/lib/arch';
import { type BackendInfo, createSeededModel, hashInput, initBackend, inputFromNCHW, median, profileModel } from '@/lib/runtime';
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
  try {
    if (o.layers ?? true) {
      const p = await profileModel(model, x, {
        warmup,
        repeats: runs,
        onProgress: (d, t) => status(`${o.model} on ${o.backend} at ${size}: pass ${d}/${t}`),
      });
      medianMs = p.wholeMs;
      samples = [...p.wholeSamples];
      layerSum = p.sumLayersMs;
      layers = p.layers.map((l) => ({ name: l.name, op: l.op, macs: l.macs, ms: l.ms, timer: l.timer }));
    } else {
      samples = [];
      for (let i = 0; i < warmup + runs; i++) {
        status(`${o.model} on ${o.backend} at ${size}: pass ${i + 1}/${warmup + runs}`);
        const t0 = now();
        const y = model.predict(x);
        try {
          await y.data();
        } finally {
          y.dispose();
        }
        if (i >= warmup) samples.push(now() - t0);
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
