/**
 * Profiles torchvision's shufflenet_v2_x1_0 (seeded weights) step by step on the reader's device
 * with lib/runtime/profiler.ts (the real fused forward), measures the device's roofs (cached for the
 * session, lib/runtime/device-peaks.ts), and aggregates the times by op kind with lib/lab.
 * Browser-only in practice; load with import().
 */
import { buildGraph } from '@/lib/arch/registry';
import { totalsByKind, toLabProfile, type LabProfile } from '@/lib/lab/profile-stats';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { yieldToPage } from '@/lib/runtime/cancel';
import { Model } from '@/lib/runtime/executor';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { measurePeaks } from '@/lib/runtime/device-peaks';
import { profileModel } from '@/lib/runtime/profiler';
import { randomInput } from '@/lib/runtime/timing';
import { heInit } from '@/lib/runtime/weights/he-init';
import { profilePlan, totalsByCategory, type CategoryTotal } from './categories';

export const BREAKDOWN_MODEL = 'shufflenet_v2_x1_0';

export interface BreakdownResult {
  readonly backend: BackendInfo;
  readonly size: number;
  readonly profile: LabProfile;
  readonly categories: readonly CategoryTotal[];
}

export interface BreakdownRequest extends JobRequest {
  readonly size: number;
  readonly reduced: boolean;
  readonly backend: BackendChoice;
  readonly onProgress?: (done: number, total: number) => void;
}

export function profileBreakdown(req: BreakdownRequest): Promise<BreakdownResult> {
  return runTfjsJob(req, async ({ backend: info, check }) => {
    const graph = buildGraph(BREAKDOWN_MODEL, { size: req.size });
    const weights = heInit(graph, 0);
    await yieldToPage();
    check();
    const model = Model.create(graph, weights);
    const input = randomInput(req.size, 3);
    try {
      const plan = profilePlan(req.reduced);
      const profile = await profileModel(model, input, {
        ...plan,
        // Checked between passes, after the profiler has freed that pass's tensors.
        signal: req.signal,
        onProgress: req.onProgress,
      });
      const device = await measurePeaks({ signal: req.signal });
      const lab = toLabProfile(profile, graph, device);
      return { backend: info, size: req.size, profile: lab, categories: totalsByCategory(totalsByKind(lab.rows)) };
    } finally {
      model.dispose();
      input.dispose();
    }
  });
}
