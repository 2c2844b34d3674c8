/**
 * One MBConv block in TensorFlow.js on a tiny tensor: the executor runs the spec's graph
 * (./stages.ts) with seeded weights and reads back every stage's real output, NCHW. Browser or
 * Node; load with import(). Everything tfjs made is freed before the job settles.
 */
import type { MapLike } from '@/lib/lab/featuremap-display';
import type { BackendInfo } from '@/lib/runtime/backend';
import { inputFromNCHW, Model } from '@/lib/runtime/executor';
import { readFeatureMaps, type FeatureMap } from '@/lib/runtime/featuremaps';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { numTensors } from '@/lib/runtime/tensors';
import { heInit } from '@/lib/runtime/weights/he-init';
import { smoothInput } from '@/lib/widgets/dense-concat/block';
import { randomizeBatchNorm } from '@/lib/widgets/group-equivalence/weights';
import { mbconvGraph, stagesOf, type MBConvKnobs, type Stage } from './stages';

export interface MBConvRequest extends MBConvKnobs, JobRequest {
  readonly seed: number;
}

export interface MBConvResult {
  readonly backend: BackendInfo;
  readonly stages: readonly Stage[];
  /** The input, NCHW [1, C_in, H, W]. */
  readonly input: MapLike;
  /** outputs[i]: stage i's output, NCHW. */
  readonly outputs: readonly MapLike[];
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

export function runInvertedResidual(req: MBConvRequest): Promise<MBConvResult> {
  const knobs: MBConvKnobs = { cin: req.cin, cout: req.cout, t: req.t, kernel: req.kernel, stride: req.stride, size: req.size };
  const graph = mbconvGraph(knobs);
  const stages = stagesOf(graph);
  const bns = graph.nodes.filter((n) => n.op.kind === 'bn').map((n) => n.name);
  return runTfjsJob(req, async ({ backend, tensorsBefore, check }) => {
    const x0 = smoothInput(req.cin, req.size, req.size, req.seed);
    // BN with seeded statistics: the projection's output then has both signs, as a linear layer's does.
    const model = Model.create(graph, randomizeBatchNorm(heInit(graph, req.seed), req.seed, bns));
    let maps: Map<string, FeatureMap>;
    try {
      check();
      const x = inputFromNCHW(x0, [1, req.cin, req.size, req.size]);
      try {
        maps = (await readFeatureMaps(model, x, stages.map((s) => s.output))).maps;
      } finally {
        x.dispose();
      }
    } finally {
      model.dispose();
    }
    const input: MapLike = { layout: 'NCHW', shape: [1, req.cin, req.size, req.size], data: x0 };
    return { backend, stages, input, outputs: stages.map((s) => maps.get(s.output)!), tensorsBefore, tensorsAfter: numTensors() };
  });
}
