/**
 * Profiles torchvision's shufflenet_v2_x1_0 (seeded weights) layer by layer on the reader's device
 * with lib/runtime/profiler.ts, and aggregates the times by op kind with lib/lab. Browser-only in
 * practice; load with import().
 */
import { buildGraph } from '@/lib/arch/registry';
import { totalsByKind, toLabProfile, type LabProfile } from '@/lib/lab/profile-stats';
import type { BackendInfo } from '@/lib/runtime/backend';
import { Model } from '@/lib/runtime/executor';
import { profileModel } from '@/lib/runtime/profiler';
import { heInit } from '@/lib/runtime/weights/he-init';
import { type BackendChoice, CancelledError, exclusive, randomInput, selectBackend, tensorsInMemory, throwIfAborted, yieldToPage } from '@/lib/widgets/guideline-lab/browser-runtime';
import { profilePlan, totalsByCategory, type CategoryTotal } from './categories';

export const BREAKDOWN_MODEL = 'shufflenet_v2_x1_0';

export interface BreakdownResult {
  readonly backend: BackendInfo;
  readonly size: number;
  readonly profile: LabProfile;
  readonly categories: readonly CategoryTotal[];
}

export interface BreakdownRequest {
  readonly size: number;
  readonly reduced: boolean;
  readonly backend: BackendChoice;
  readonly signal?: AbortSignal;
  readonly onStart?: (info: BackendInfo, tensorsBefore: number) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

export function profileBreakdown(req: BreakdownRequest): Promise<BreakdownResult> {
  return exclusive(async () => {
    const info = await selectBackend(req.backend);
    req.onStart?.(info, tensorsInMemory());
    const graph = buildGraph(BREAKDOWN_MODEL, { size: req.size });
    const weights = heInit(graph, 0);
    await yieldToPage();
    throwIfAborted(req.signal);
    const model = Model.create(graph, weights);
    const input = randomInput(req.size, 3);
    try {
      const plan = profilePlan(req.reduced);
      const profile = await profileModel(model, input, {
        ...plan,
        onProgress: (done, total) => {
          req.onProgress?.(done, total);
          // Thrown between passes, after the profiler has freed that pass's tensors.
          if (req.signal?.aborted) throw new CancelledError();
        },
      });
      const lab = toLabProfile(profile, graph);
      return { backend: info, size: req.size, profile: lab, categories: totalsByCategory(totalsByKind(lab.rows)) };
    } finally {
      model.dispose();
      input.dispose();
    }
  });
}
