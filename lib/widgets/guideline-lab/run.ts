/**
 * Runs one guideline's micro-benchmarks on the reader's device with tfjs (browser-only in practice;
 * load with import()). Each row's network is built from ./benchmarks.ts and given seeded weights.
 *
 * Timing, chosen to make the rows comparable with each other:
 * - every row's model is built first, then warmed up, then timed in rounds (one pass of each row
 *   per round), so drift on the device (clock changes, garbage collection, other tabs) falls on
 *   all rows alike instead of on whichever row ran last;
 * - tfjs has no grouped convolution, and the runtime emulates it in several ways (lib/runtime/
 *   groupconv.ts). As the paper let cuDNN benchmark its algorithms and keep the fastest, rows with
 *   group convolutions try each strategy briefly and keep the fastest one (reported per row).
 * A cancel disposes everything made so far.
 */
import * as tf from '@tensorflow/tfjs';
import { convKindOf } from '@/lib/arch/conv-kind';
import { graphCost } from '@/lib/arch/cost';
import type { Graph } from '@/lib/arch/ir';
import { resizeGraph } from '@/lib/lab/resize-graph';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { yieldToPage } from '@/lib/runtime/cancel';
import { Model } from '@/lib/runtime/executor';
import { GROUP_CONV_STRATEGIES, type GroupConvStrategy, strategyRunsOn } from '@/lib/runtime/groupconv';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { median, randomInput, timedForward, warmThenTime } from '@/lib/runtime/timing';
import { heInit } from '@/lib/runtime/weights/he-init';
import { GUIDELINES, buildBenchmark, platformFor, runPlan, type GuidelineId, type Platform, type WidthIndex } from './benchmarks';

export interface RowResult {
  readonly row: number;
  /** Median ms per forward pass (batch 1, incl. reading the output back). */
  readonly ms: number;
  readonly samples: readonly number[];
  /** Images per second = 1000 / ms. */
  readonly speed: number;
  /** MACs of the network at the size it ran at. */
  readonly macs: number;
  /** The grouped-convolution strategy that won, for rows with group convolutions. */
  readonly strategy?: GroupConvStrategy;
}

export interface GuidelineRun {
  readonly guideline: GuidelineId;
  readonly platform: Platform;
  readonly width: WidthIndex;
  readonly size: number;
  readonly backend: BackendInfo;
  readonly rows: readonly RowResult[];
}

export interface RunRequest extends JobRequest {
  readonly guideline: GuidelineId;
  /** Whose channel settings to use; 'auto': GPU settings on WebGPU/WebGL, ARM settings otherwise. */
  readonly platform: Platform | 'auto';
  readonly width: WidthIndex;
  readonly reduced: boolean;
  readonly backend: BackendChoice;
  /** (passes done, passes in all, finished row if any) */
  readonly onProgress?: (done: number, total: number, row?: RowResult) => void;
}

/**
 * The grouped-convolution strategies worth trying on a benchmark: all of them that run on `backend`,
 * except those whose cost explodes with these shapes ('blockdiag' does g times the MACs; 'depthwise' materialises an
 * intermediate of inC × outC/g channels per pixel).
 */
export function strategiesFor(g: Graph, backend: string = tf.getBackend()): GroupConvStrategy[] {
  const here = GROUP_CONV_STRATEGIES.filter((s) => strategyRunsOn(s, backend));
  const conv = g.nodes.find((n) => convKindOf(n.op) === 'grouped');
  if (!conv || conv.op.kind !== 'conv') return here;
  const { groups, inC, outC } = conv.op;
  const pixels = conv.outShape[1] * conv.outShape[2];
  return here.filter((s) => {
    if (s === 'blockdiag') return groups <= 4;
    if (s === 'depthwise') return pixels * inC * (outC / groups) <= 4_000_000;
    return true;
  });
}

const hasGroups = (g: Graph) => g.nodes.some((n) => convKindOf(n.op) === 'grouped');

const onePass = async (model: Model, input: tf.Tensor4D): Promise<number> => (await timedForward(model, input)).ms;

interface Entry {
  readonly graph: Graph;
  readonly model: Model;
  readonly input: tf.Tensor4D;
  strategy?: GroupConvStrategy;
  readonly samples: number[];
}

export function runGuideline(req: RunRequest): Promise<GuidelineRun> {
  return runTfjsJob(req, async ({ backend: info, check }) => {
    const platform = req.platform === 'auto' ? platformFor(info.backend) : req.platform;
    const plan = runPlan(req.reduced);
    const rows = GUIDELINES[req.guideline].rows;
    const total = rows.length * (plan.warmup + plan.repeats);
    let done = 0;
    const tick = () => req.onProgress?.(++done, total);
    const entries: Entry[] = [];
    // Everything made, so that a cancel or an error frees it all (dispose is idempotent).
    const models: Model[] = [];
    const inputs: tf.Tensor[] = [];
    try {
      // Build every row's model (for group convolutions: every strategy, keeping the fastest).
      for (let r = 0; r < rows.length; r++) {
        check();
        const graph = resizeGraph(buildBenchmark(req.guideline, r, platform, req.width), plan.size);
        const weights = heInit(graph, 1);
        const input = randomInput(plan.size, graph.input[0]);
        inputs.push(input);
        await yieldToPage();
        if (!hasGroups(graph)) {
          const model = Model.create(graph, weights);
          models.push(model);
          entries.push({ graph, model, input, samples: [] });
          continue;
        }
        let best: { model: Model; strategy: GroupConvStrategy; ms: number } | null = null;
        for (const strategy of strategiesFor(graph)) {
          check();
          let model: Model;
          try {
            model = Model.create(graph, weights, { groupConv: strategy });
          } catch {
            continue; // a strategy this geometry does not support
          }
          models.push(model);
          const first = await onePass(model, input);
          // Far slower than the best so far even counting start-up: not worth timing further.
          const ms: number = best && first > 4 * best.ms ? first : Math.min(await onePass(model, input), await onePass(model, input));
          await yieldToPage();
          if (!best || ms < best.ms) {
            best?.model.dispose();
            best = { model, strategy, ms };
          } else {
            model.dispose();
          }
        }
        if (!best) throw new Error(`no grouped-convolution strategy could run ${graph.id}`);
        entries.push({ graph, model: best.model, input, strategy: best.strategy, samples: [] });
      }
      // Warm up every row, then time them in interleaved rounds.
      await warmThenTime(
        plan,
        async (recorded) => {
          for (const e of entries) {
            check();
            const ms = await onePass(e.model, e.input);
            if (recorded) e.samples.push(ms);
            tick();
            await yieldToPage();
          }
        },
        { signal: req.signal, yieldBetween: false },
      );
      const results = entries.map((e, row): RowResult => {
        const ms = median(e.samples);
        return { row, ms, samples: e.samples, speed: 1000 / ms, macs: graphCost(e.graph).total.macs, strategy: e.strategy };
      });
      for (const r of results) req.onProgress?.(done, total, r);
      return { guideline: req.guideline, platform, width: req.width, size: plan.size, backend: info, rows: results };
    } finally {
      for (const m of models) m.dispose();
      for (const t of inputs) t.dispose();
    }
  });
}
