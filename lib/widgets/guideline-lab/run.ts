/**
 * Runs one guideline's micro-benchmarks on the reader's device with tfjs (browser-only in practice;
 * load with import()). Each row's network is built from ./benchmarks.ts, given seeded weights,
 * timed, and disposed before the next row starts; a cancel disposes everything it made.
 */
import { graphCost } from '@/lib/arch/cost';
import { resizeGraph } from '@/lib/lab/resize-graph';
import type { BackendInfo } from '@/lib/runtime/backend';
import { Model } from '@/lib/runtime/executor';
import { heInit } from '@/lib/runtime/weights/he-init';
import { GUIDELINES, buildBenchmark, platformFor, runPlan, type GuidelineId, type Platform, type WidthIndex } from './benchmarks';
import { type BackendChoice, exclusive, median, randomInput, selectBackend, tensorsInMemory, throwIfAborted, timeForward, yieldToPage } from './browser-runtime';

export interface RowResult {
  readonly row: number;
  /** Median ms per forward pass (batch 1, incl. reading the output back). */
  readonly ms: number;
  readonly samples: readonly number[];
  /** Images per second = 1000 / ms. */
  readonly speed: number;
  /** MACs of the network at the size it ran at. */
  readonly macs: number;
}

export interface GuidelineRun {
  readonly guideline: GuidelineId;
  readonly platform: Platform;
  readonly width: WidthIndex;
  readonly size: number;
  readonly backend: BackendInfo;
  readonly rows: readonly RowResult[];
}

export interface RunRequest {
  readonly guideline: GuidelineId;
  /** Whose channel settings to use; 'auto': GPU settings on WebGPU/WebGL, ARM settings otherwise. */
  readonly platform: Platform | 'auto';
  readonly width: WidthIndex;
  readonly reduced: boolean;
  readonly backend: BackendChoice;
  readonly signal?: AbortSignal;
  /** Called once the backend is up, with the tensor count the run must return to. */
  readonly onStart?: (info: BackendInfo, tensorsBefore: number) => void;
  /** (passes done, passes in all, finished row if any) */
  readonly onProgress?: (done: number, total: number, row?: RowResult) => void;
}

export function runGuideline(req: RunRequest): Promise<GuidelineRun> {
  return exclusive(async () => {
    const info = await selectBackend(req.backend);
    req.onStart?.(info, tensorsInMemory());
    const platform = req.platform === 'auto' ? platformFor(info.backend) : req.platform;
    const plan = runPlan(req.reduced);
    const rows = GUIDELINES[req.guideline].rows;
    const total = rows.length * (plan.warmup + plan.repeats);
    let done = 0;
    const results: RowResult[] = [];
    for (let r = 0; r < rows.length; r++) {
      throwIfAborted(req.signal);
      const graph = resizeGraph(buildBenchmark(req.guideline, r, platform, req.width), plan.size);
      const weights = heInit(graph, 1);
      await yieldToPage();
      let model: Model | null = null;
      let input = null;
      try {
        model = Model.create(graph, weights);
        input = randomInput(plan.size, graph.input[0]);
        const samples = await timeForward(model, input, plan.warmup, plan.repeats, req.signal, () => req.onProgress?.(++done, total));
        const ms = median(samples);
        const result: RowResult = { row: r, ms, samples, speed: 1000 / ms, macs: graphCost(graph).total.macs };
        results.push(result);
        req.onProgress?.(done, total, result);
      } finally {
        model?.dispose();
        input?.dispose();
      }
    }
    return { guideline: req.guideline, platform, width: req.width, size: plan.size, backend: info, rows: results };
  });
}
