/**
 * One MBConv block in TensorFlow.js on a tiny tensor: the executor runs the spec's graph
 * (./stages.ts) with seeded weights and reads back every stage's real output, NCHW. Browser or
 * Node; load with import(). Everything tfjs made is freed before the job settles.
 *
 * Weights: He init (torchvision's), BN γ and β seeded, and each BN's running mean and variance set
 * to the statistics of its own input on this image, BN by BN in forward order (what BN computes in
 * training mode on a batch of one). With random weights and BN's initial statistics, about half the
 * depthwise channels come out negative everywhere and the ReLU blanks them: a property of random
 * weights, not of MBConv, and it would hide what the stage computes.
 */
import * as tf from '@tensorflow/tfjs';
import type { MapLike } from '@/lib/lab/featuremap-display';
import type { BackendInfo } from '@/lib/runtime/backend';
import { inputFromNCHW, Model } from '@/lib/runtime/executor';
import { readFeatureMaps, type FeatureMap } from '@/lib/runtime/featuremaps';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { numTensors } from '@/lib/runtime/tensors';
import { heInit } from '@/lib/runtime/weights/he-init';
import type { StateDict } from '@/lib/runtime/weights/types';
import type { Graph } from '@/lib/arch';
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

/** The BN statistics of `x` itself, BN by BN in forward order (each pass sees the BNs before it calibrated). */
export async function calibrateBatchNorm(graph: Graph, weights: StateDict, x: tf.Tensor4D): Promise<StateDict> {
  const sd: StateDict = new Map(weights);
  for (const bn of graph.nodes.filter((n) => n.op.kind === 'bn')) {
    const model = Model.create(graph, sd, { fuse: false });
    try {
      const { output, captured } = model.execute(x, { capture: [bn.inputs[0]], fuse: false });
      const { mean, variance } = tf.tidy(() => tf.moments(captured.get(bn.inputs[0])!, [0, 1, 2]));
      try {
        const c = bn.outShape[0];
        sd.set(`${bn.name}.running_mean`, { shape: [c], data: Float32Array.from(await mean.data()) });
        sd.set(`${bn.name}.running_var`, { shape: [c], data: Float32Array.from(await variance.data()) });
      } finally {
        tf.dispose([mean, variance, output, ...captured.values()]);
      }
    } finally {
      model.dispose();
    }
  }
  return sd;
}

export function runInvertedResidual(req: MBConvRequest): Promise<MBConvResult> {
  const knobs: MBConvKnobs = { cin: req.cin, cout: req.cout, t: req.t, kernel: req.kernel, stride: req.stride, size: req.size };
  const graph = mbconvGraph(knobs);
  const stages = stagesOf(graph);
  const bns = graph.nodes.filter((n) => n.op.kind === 'bn').map((n) => n.name);
  return runTfjsJob(req, async ({ backend, tensorsBefore, check }) => {
    const x0 = smoothInput(req.cin, req.size, req.size, req.seed);
    const x = inputFromNCHW(x0, [1, req.cin, req.size, req.size]);
    let maps: Map<string, FeatureMap>;
    try {
      check();
      const weights = await calibrateBatchNorm(graph, randomizeBatchNorm(heInit(graph, req.seed), req.seed, bns), x);
      check();
      const model = Model.create(graph, weights);
      try {
        maps = (
          await readFeatureMaps(
            model,
            x,
            stages.map((s) => s.output),
          )
        ).maps;
      } finally {
        model.dispose();
      }
    } finally {
      x.dispose();
    }
    const input: MapLike = { layout: 'NCHW', shape: [1, req.cin, req.size, req.size], data: x0 };
    return { backend, stages, input, outputs: stages.map((s) => maps.get(s.output)!), tensorsBefore, tensorsAfter: numTensors() };
  });
}
