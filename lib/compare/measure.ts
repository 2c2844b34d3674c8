/**
 * Whole-model latency of several models on the reader's device, one after another in one session
 * (browser-only: load with import()). Each model gets seeded weights, one warm-up and `runs`
 * timed forward passes including the read-back of the logits; the median is reported. Everything
 * is disposed after each model, also on cancel.
 */
import * as tf from '@tensorflow/tfjs';
import { buildGraph, graphCost } from '@/lib/arch';
import { createSeededModel, initBackend, median, type BackendName } from '@/lib/runtime';

export interface CompareResult {
  readonly id: string;
  readonly macs: number;
  readonly params: number;
  readonly ms: number;
  readonly samples: readonly number[];
}

export interface CompareRun {
  readonly backend: BackendName;
  readonly renderer: string;
  readonly fallbacks: readonly { backend: string; error: string }[];
  readonly results: readonly CompareResult[];
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export async function measureModels(opts: {
  ids: readonly string[];
  size: number;
  backend: 'auto' | BackendName;
  runs: number;
  signal: AbortSignal;
  onProgress: (done: number, total: number, label: string) => void;
}): Promise<CompareRun> {
  const order = opts.backend === 'auto' ? undefined : ([opts.backend, ...(['webgpu', 'webgl', 'wasm', 'cpu'] as const).filter((b) => b !== opts.backend)] as BackendName[]);
  const info = await initBackend(order ? { order } : {});
  const results: CompareResult[] = [];
  const total = opts.ids.length * (opts.runs + 1);
  let done = 0;
  for (const id of opts.ids) {
    if (opts.signal.aborted) throw new Cancelled();
    const graph = buildGraph(id, { size: opts.size });
    const { total: cost } = graphCost(graph);
    opts.onProgress(done, total, `Building ${id}`);
    const model = createSeededModel(graph, 0);
    const x = tf.tidy(() => tf.randomNormal([1, opts.size, opts.size, 3], 0, 1, 'float32', 7) as tf.Tensor4D);
    try {
      const samples: number[] = [];
      for (let r = 0; r <= opts.runs; r++) {
        if (opts.signal.aborted) throw new Cancelled();
        const t0 = performance.now();
        const y = model.predict(x);
        await y.data();
        const ms = performance.now() - t0;
        y.dispose();
        if (r > 0) samples.push(ms); // the first pass is the warm-up (shader compilation, allocation)
        done++;
        opts.onProgress(done, total, `${id}: ${r === 0 ? 'warm-up' : `run ${r} of ${opts.runs}`}`);
        // Yield to the page so progress paints and Cancel can be pressed.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      results.push({ id, macs: cost.macs, params: cost.params, ms: median(samples), samples });
    } finally {
      x.dispose();
      model.dispose();
    }
  }
  return { backend: info.backend, renderer: info.renderer, fallbacks: info.fallbacks, results };
}

export function numTensors(): number {
  return tf.memory().numTensors;
}
