/**
 * Whole-model latency of several models on the reader's device, one after another in one tfjs job
 * (browser-only: load with import()). Each model gets seeded weights and the runtime's timed warm
 * pass: one warm-up, then `runs` timed forward passes including the read-back of the logits; the
 * median is reported. Everything is disposed after each model, also on cancel.
 */
import { buildGraph, graphCost } from '@/lib/arch';
import { recordThroughput } from '@/lib/runtime/throughput';
import { createSeededModel, median, randomInput, runTfjsJob, timeForward, type BackendName, type JobRequest } from '@/lib/runtime';

export interface CompareResult {
  readonly id: string;
  /** The square input size it was timed at. */
  readonly size: number;
  readonly macs: number;
  readonly params: number;
  readonly ms: number;
  readonly samples: readonly number[];
}

export interface CompareRun {
  readonly backend: BackendName;
  readonly renderer: string;
  readonly fallbacks: readonly { backend: BackendName; error: string }[];
  readonly results: readonly CompareResult[];
}

export function measureModels(opts: {
  ids: readonly string[];
  size: number;
  /** A model's own input size where it differs from `size` (the digits models take 28×28). */
  sizeOf?: (id: string) => number;
  backend: 'auto' | BackendName;
  runs: number;
  signal: AbortSignal;
  onProgress: (done: number, total: number, label: string) => void;
  /** The job hooks (useTfjsJob's request): the backend that ran and the tensor check. */
  onStart?: JobRequest['onStart'];
  onTensors?: JobRequest['onTensors'];
}): Promise<CompareRun> {
  return runTfjsJob({ backend: opts.backend, signal: opts.signal, onStart: opts.onStart, onTensors: opts.onTensors }, async ({ backend: info, check }) => {
    const results: CompareResult[] = [];
    const total = opts.ids.length * (opts.runs + 1);
    let done = 0;
    for (const id of opts.ids) {
      check();
      const size = opts.sizeOf?.(id) ?? opts.size;
      const graph = buildGraph(id, { size });
      const { total: cost } = graphCost(graph);
      opts.onProgress(done, total, `Building ${id}`);
      const model = createSeededModel(graph, 0);
      const x = randomInput(size, graph.input[0]);
      try {
        const samples = await timeForward(
          model,
          x,
          { warmup: 1, repeats: opts.runs },
          {
            signal: opts.signal,
            onPass: (pass) => {
              done++;
              opts.onProgress(done, total, `${id}: ${pass === 1 ? 'warm-up' : `run ${pass - 1} of ${opts.runs}`}`);
            },
          },
        );
        results.push({ id, size, macs: cost.macs, params: cost.params, ms: median(samples), samples });
        // The run guard's measured speed for this backend (lib/runtime/throughput.ts).
        recordThroughput(info.backend, cost.macs, median(samples));
      } finally {
        x.dispose();
        model.dispose();
      }
    }
    return { backend: info.backend, renderer: info.renderer, fallbacks: info.fallbacks, results };
  });
}
