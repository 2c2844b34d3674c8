/**
 * Runs the three forms of one ResNeXt block on the same seeded weights and input in TensorFlow.js
 * and reports how far apart their outputs are. Browser or Node; load with import().
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { Model } from '@/lib/runtime/executor';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { numTensors } from '@/lib/runtime/tensors';
import { timedForward, warmThenTime, type TimedOutput } from '@/lib/runtime/timing';
import { heInit } from '@/lib/runtime/weights/he-init';
import { FORM_C_BNS, FORMS, formGraph, type Form } from '@/lib/widgets/cardinality-groups/forms';
import { EQUIVALENCE_SIZE } from './meta';
import { maxAbs, maxAbsDiff, randomizeBatchNorm, seededInput, splitGroupedWeights } from './weights';

export interface EquivalenceRequest extends JobRequest {
  readonly C: number;
  readonly d: number;
  readonly width: number;
  readonly seed: number;
  readonly backend: BackendChoice;
}

export interface FormRun {
  readonly form: Form;
  /** Milliseconds of the second forward pass incl. read-back (the first compiles shaders). */
  readonly ms: number;
  readonly nodes: number;
}

export interface EquivalenceResult {
  readonly request: EquivalenceRequest;
  readonly backend: BackendInfo;
  /** How the executor ran the grouped conv of (c) ('depthwise', 'split', …). */
  readonly groupConv: string;
  readonly outputShape: readonly number[];
  readonly runs: readonly FormRun[];
  /** max |a − c| and max |b − c| over every output value. */
  readonly diffAC: number;
  readonly diffBC: number;
  /** max |c|, for scale. */
  readonly magnitude: number;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

/** One warm-up pass (shader compilation on GPU backends), then the timed one, whose output is kept. */
async function forward(model: Model, input: tf.Tensor4D): Promise<TimedOutput> {
  const timed: TimedOutput[] = [];
  await warmThenTime({ warmup: 1, repeats: 1 }, async (recorded) => {
    const r = await timedForward(model, input);
    if (recorded) timed.push(r);
  });
  return timed[0];
}

export function runEquivalence(req: EquivalenceRequest): Promise<EquivalenceResult> {
  return runTfjsJob(req, async ({ backend, tensorsBefore }) => {
    const shape = { C: req.C, d: req.d, width: req.width, size: EQUIVALENCE_SIZE };
    const graphs = Object.fromEntries(FORMS.map((f) => [f, formGraph(f, shape)])) as Record<Form, ReturnType<typeof formGraph>>;
    const weightsC = randomizeBatchNorm(heInit(graphs.c, req.seed), req.seed, FORM_C_BNS);
    const { a, b } = splitGroupedWeights(weightsC, req.C, req.d);
    const weights: Record<Form, typeof weightsC> = { a, b, c: weightsC };
    const n = EQUIVALENCE_SIZE * EQUIVALENCE_SIZE * req.width;
    const input = tf.tensor4d(seededInput(n, req.seed), [1, EQUIVALENCE_SIZE, EQUIVALENCE_SIZE, req.width]);
    const outputs = {} as Record<Form, Float32Array>;
    const runs: FormRun[] = [];
    let groupConv = '';
    let outputShape: number[] = [];
    try {
      for (const f of FORMS) {
        const model = Model.create(graphs[f], weights[f]);
        try {
          if (f === 'c') groupConv = model.groupConv;
          const r = await forward(model, input);
          outputs[f] = r.data;
          outputShape = [...r.shape];
          runs.push({ form: f, ms: r.ms, nodes: graphs[f].nodes.length });
        } finally {
          model.dispose();
        }
      }
    } finally {
      input.dispose();
    }
    return {
      request: { C: req.C, d: req.d, width: req.width, seed: req.seed, backend: req.backend },
      backend,
      groupConv,
      outputShape,
      runs,
      diffAC: maxAbsDiff(outputs.a, outputs.c),
      diffBC: maxAbsDiff(outputs.b, outputs.c),
      magnitude: maxAbs(outputs.c),
      tensorsBefore,
      tensorsAfter: numTensors(),
    };
  });
}
