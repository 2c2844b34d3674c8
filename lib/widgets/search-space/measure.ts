/**
 * The platform-aware part of the MnasNet search widget: builds a search-space architecture in tfjs
 * (lib/arch graph, seeded He init), times it on the reader's device, and runs the small search.
 * Browser-only in practice; load with import().
 */
import { mnasnetFromChoices, type MnasBlockChoice } from '@/lib/arch';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { throwIfCancelled, yieldToPage } from '@/lib/runtime/cancel';
import { Model } from '@/lib/runtime/executor';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { median, randomInput, timeForward } from '@/lib/runtime/timing';
import type { BackendInfo } from '@/lib/runtime/backend';
import { heInit } from '@/lib/runtime/weights/he-init';
import { MOBILENETV2_BLOCKS, archCost, measurePlan, proposeCandidate, score, type Evaluated, type SearchMode, type SearchPoint } from './search';

export interface MeasureOptions {
  readonly size: number;
  readonly reduced: boolean;
  readonly signal?: AbortSignal | null;
}

/** Median ms of one forward pass of `blocks` at `size` on the current backend (call inside a job). */
async function timeArchitecture(blocks: readonly MnasBlockChoice[], o: MeasureOptions, extraWarmup = 0): Promise<number> {
  const graph = mnasnetFromChoices(blocks, o.size);
  const weights = heInit(graph, 0);
  await yieldToPage();
  throwIfCancelled(o.signal);
  const model = Model.create(graph, weights);
  const input = randomInput(o.size, 3);
  try {
    const plan = measurePlan(o.reduced);
    return median(await timeForward(model, input, { warmup: plan.warmup + extraWarmup, repeats: plan.repeats }, { signal: o.signal }));
  } finally {
    model.dispose();
    input.dispose();
  }
}

export interface MeasureRequest extends MeasureOptions, JobRequest {
  readonly blocks: readonly MnasBlockChoice[];
  readonly backend: BackendChoice;
}

export function measureArchitecture(req: MeasureRequest): Promise<{ ms: number; backend: BackendInfo }> {
  return runTfjsJob(req, async ({ backend: info }) => {
    return { ms: await timeArchitecture(req.blocks, req), backend: info };
  });
}

export interface SearchRequest extends MeasureOptions, JobRequest {
  readonly mode: SearchMode;
  readonly seed: number;
  readonly samples: number;
  readonly backend: BackendChoice;
  /** MobileNetV2's latency here: the target T of the reward. */
  readonly onTarget?: (ms: number) => void;
  readonly onPoint?: (p: SearchPoint, done: number, total: number) => void;
}

export interface SearchResult {
  readonly backend: BackendInfo;
  readonly targetMs: number;
  readonly points: readonly SearchPoint[];
}

/** Measures MobileNetV2 (the target), then `samples` candidates, scoring each as it goes. */
export function runSearch(req: SearchRequest): Promise<SearchResult> {
  return runTfjsJob(req, async ({ backend: info, check }) => {
    // The first model on a freshly started backend also pays for kernel compilation and caches:
    // warm the reference up longer, since every reward depends on it.
    const targetMs = await timeArchitecture(MOBILENETV2_BLOCKS, req, 3);
    req.onTarget?.(targetMs);
    const points: SearchPoint[] = [];
    const history: Evaluated[] = [];
    for (let i = 0; i < req.samples; i++) {
      check();
      const blocks = proposeCandidate(req.mode, req.seed, i, history);
      const cost = archCost(blocks);
      const latencyMs = await timeArchitecture(blocks, req);
      const s = score(cost, latencyMs, targetMs);
      const p: SearchPoint = { index: i, blocks, ...cost, latencyMs, ...s };
      points.push(p);
      history.push({ blocks, reward: s.reward });
      req.onPoint?.(p, i + 1, req.samples);
    }
    return { backend: info, targetMs, points };
  });
}
