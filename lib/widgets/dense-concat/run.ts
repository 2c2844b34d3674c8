/**
 * The dense block, computed in TensorFlow.js on a tiny tensor, both ways the widget compares:
 *
 * - naive: the executor runs the spec graph as torchvision does, every layer concatenating a fresh
 *   tensor of all earlier features (the spec's concat nodes, tf.concat). The bytes of each concat
 *   tensor are read off the tensors the executor made, not computed from a formula.
 * - shared: one Float32Array of k₀ + Lk channels, NCHW, allocated before layer 1 (Pleiss et al.
 *   2017's pre-allocated shared storage; channels-first, so the state after layer ℓ is a prefix).
 *   The input is written in once, then each layer's k new channels once, into their slot; the bytes
 *   written are counted as they are written. tfjs tensors are immutable and have no views, so the
 *   storage is a plain array outside tfjs; a GPU implementation keeps it on the device.
 *
 * After every layer the shared storage's prefix is compared with the naive state, value by value:
 * they hold the same numbers, so the layers would read the same input either way. Browser or Node;
 * load with import(). Everything tfjs made is freed before the job settles.
 */
import type { BackendInfo } from '@/lib/runtime/backend';
import { inputFromNCHW, Model } from '@/lib/runtime/executor';
import { readFeatureMaps, type FeatureMap } from '@/lib/runtime/featuremaps';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { numTensors } from '@/lib/runtime/tensors';
import { heInit } from '@/lib/runtime/weights/he-init';
import { reuseNodes } from '@/lib/widgets/dense-reuse/block';
import { maxAbsDiff, randomizeBatchNorm } from '@/lib/widgets/group-equivalence/weights';
import { concatBlockGraph, shapeOfKnobs, smoothInput, type ConcatKnobs } from './block';
import { FLOAT_BYTES, stateChannels, type BlockShape } from './bytes';

export interface ConcatRequest extends ConcatKnobs, JobRequest {
  readonly seed: number;
}

export interface ConcatResult {
  readonly backend: BackendInfo;
  readonly shape: BlockShape;
  /** states[ℓ]: the block's state after layer ℓ (0 = its input), NCHW [1, k₀ + ℓk, H, W], as the naive implementation holds it. */
  readonly states: readonly Float32Array[];
  /** The shared storage after the last layer, NCHW [k₀ + Lk, H, W]. */
  readonly shared: Float32Array;
  /** Bytes of the concat tensor the executor made for state ℓ (index 0: none, 0). */
  readonly naiveWritten: readonly number[];
  /** Bytes written into the shared storage at step ℓ (0: the input). */
  readonly sharedWritten: readonly number[];
  /** max |shared prefix − naive state| after each layer (0 = the same numbers). */
  readonly maxDiff: readonly number[];
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

/** The shared storage filled step by step from the states: bytes written and agreement per step. */
export function fillShared(states: readonly Float32Array[], shape: BlockShape): Pick<ConcatResult, 'shared' | 'sharedWritten' | 'maxDiff'> {
  const hw = shape.h * shape.w;
  const shared = new Float32Array(stateChannels(shape, shape.L) * hw);
  const sharedWritten: number[] = [];
  const maxDiff: number[] = [];
  states.forEach((state, l) => {
    // Step ℓ writes only its slot: the input (ℓ = 0) or layer ℓ's k new channels.
    const start = l === 0 ? 0 : stateChannels(shape, l - 1) * hw;
    const slot = state.subarray(start, stateChannels(shape, l) * hw);
    shared.set(slot, start);
    sharedWritten.push(slot.length * FLOAT_BYTES);
    maxDiff.push(maxAbsDiff(shared.subarray(0, state.length), state));
  });
  return { shared, sharedWritten, maxDiff };
}

export function runDenseConcat(req: ConcatRequest): Promise<ConcatResult> {
  const knobs = { L: req.L, k: req.k, k0: req.k0, size: req.size };
  const shape = shapeOfKnobs(knobs);
  const graph = concatBlockGraph(knobs);
  // reads[ℓ] holds the state after layer ℓ (layer ℓ + 1's concatenated input, or the block output):
  // the spec's concat nodes, one per layer.
  const stateNodes = reuseNodes(graph).reads.slice(1);
  const bns = graph.nodes.filter((n) => n.op.kind === 'bn').map((n) => n.name);
  return runTfjsJob(req, async ({ backend, tensorsBefore, check }) => {
    const x0 = smoothInput(shape.k0, shape.h, shape.w, req.seed);
    // BN with seeded statistics, so it is not an identity that would hide a wrong channel order.
    const model = Model.create(graph, randomizeBatchNorm(heInit(graph, req.seed), req.seed, bns));
    let maps: Map<string, FeatureMap>;
    try {
      check();
      const input = inputFromNCHW(x0, [1, shape.k0, shape.h, shape.w]);
      try {
        maps = (await readFeatureMaps(model, input, stateNodes)).maps;
      } finally {
        input.dispose();
      }
    } finally {
      model.dispose();
    }
    const states = [x0, ...stateNodes.map((n) => maps.get(n)!.data)];
    // The naive copies, measured on the concat tensors the executor made (one per state).
    const naiveWritten = [0, ...stateNodes.map((n) => maps.get(n)!.data.length * FLOAT_BYTES)];
    return { backend, shape, states, ...fillShared(states, shape), naiveWritten, tensorsBefore, tensorsAfter: numTensors() };
  });
}
