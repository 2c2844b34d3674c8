/**
 * Profiles two models one after the other on the reader's device: seeded weights, a seeded random
 * input at a small size, lib/runtime's profileModel (one warm-up, then `repeats` timed passes of
 * the fused forward step by step and of the whole model), then the device's roofs (measured once
 * per backend and session, lib/runtime/device-peaks.ts). Every tensor is freed before the next model is built.
 * One job of the page-wide tfjs queue (lib/runtime/job.ts). Load with import().
 */
import { buildGraph } from '@/lib/arch';
import { toLabProfile, type LabProfile } from '@/lib/lab/profile-stats';
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { yieldToPage } from '@/lib/runtime/cancel';
import { Model } from '@/lib/runtime/executor';
import { runTfjsJob } from '@/lib/runtime/job';
import { measurePeaks } from '@/lib/runtime/device-peaks';
import { profileModel } from '@/lib/runtime/profiler';
import { numTensors } from '@/lib/runtime/tensors';
import { heInit } from '@/lib/runtime/weights/he-init';

export interface CostRequest {
  readonly models: readonly string[];
  readonly size: number;
  readonly repeats: number;
  readonly seed: number;
  readonly backend: BackendChoice;
}

export type CostPhase = 'backend' | 'weights' | 'profile' | 'done';

export interface CostProgress {
  readonly model: string;
  readonly index: number;
  readonly phase: CostPhase;
  /** 0..1 within the whole run. */
  readonly fraction: number;
  readonly detail: string;
}

export interface CostResult {
  readonly backend: BackendInfo;
  readonly profiles: ReadonlyMap<string, LabProfile>;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

export function profileModels(req: CostRequest, onProgress: (p: CostProgress) => void, signal?: AbortSignal): Promise<CostResult> {
  const n = req.models.length;
  onProgress({ model: req.models[0], index: 0, phase: 'backend', fraction: 0, detail: 'starting TensorFlow.js' });
  return runTfjsJob({ backend: req.backend, signal }, async ({ backend, tensorsBefore, check }) => {
    const profiles = new Map<string, LabProfile>();
    for (const [i, id] of req.models.entries()) {
      check();
      onProgress({ model: id, index: i, phase: 'weights', fraction: i / n, detail: 'creating seeded weights' });
      await yieldToPage();
      const graph = buildGraph(id, { size: req.size });
      const model = Model.create(graph, heInit(graph, req.seed));
      const input = tf.randomUniform([1, req.size, req.size, 3], -2, 2, 'float32', req.seed + 1) as tf.Tensor4D;
      try {
        const p = await profileModel(model, input, {
          warmup: 1,
          repeats: req.repeats,
          signal,
          onProgress: (done, total) =>
            onProgress({ model: id, index: i, phase: 'profile', fraction: (i + done / total) / n, detail: `pass ${done} of ${total}` }),
        });
        const device = await measurePeaks({ signal });
        profiles.set(id, toLabProfile(p, graph, device));
      } finally {
        input.dispose();
        model.dispose();
      }
    }
    onProgress({ model: req.models[n - 1], index: n - 1, phase: 'done', fraction: 1, detail: 'done' });
    return { backend, profiles, tensorsBefore, tensorsAfter: numTensors() };
  });
}
