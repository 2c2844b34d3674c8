/**
 * What training a graph on a batch holds in memory, as a Footprint for the run guard
 * (lib/runtime/run-guard.ts memoryRefusal), so the CLI and the /train page refuse a network that
 * cannot train on a backend before any weights are made. A deliberately rough upper estimate:
 *
 * - resident: the weights, their gradients, and up to two optimizer state tensors per weight
 *   (Adam's m and v; SGD's momentum buffer is one), so 4 × the weight bytes, plus BN's running
 *   statistics and the fused inference copy evaluation makes (Footprint.residentBytes);
 * - activations: backprop keeps the output of every node of the forward for the backward pass
 *   (tfjs's tape keeps each kernel's inputs and outputs), a train-mode BatchNorm about three
 *   tensors of its size (x − mean, the normalised x, the output), all × the batch; plus the
 *   forward's own peak workspace (im2col) for one node at a time;
 * - the largest single tensor: the forward's largest × the batch.
 *
 * Pure and tfjs-free, like the run guard.
 */
import { FLOAT32_BYTES, footprint, type Footprint } from '../arch/footprint';
import type { Graph } from '../arch/ir';
import type { BackendName } from '../runtime/backend-names';
import { memoryRefusal } from '../runtime/run-guard';

const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

export function trainingFootprint(graph: Graph, fp: Footprint, batchSize: number): Footprint {
  let kept = numel(graph.input);
  for (const node of graph.nodes) kept += numel(node.outShape) * (node.op.kind === 'bn' ? 3 : 1);
  return {
    ...fp,
    macs: 3 * fp.macs * batchSize, // forward + the two products of the backward (input and weight gradients)
    residentBytes: 4 * fp.weightBytes + fp.bufferBytes + fp.residentBytes,
    peakActivationBytes: batchSize * (kept * FLOAT32_BYTES + fp.peakActivationBytes),
    largestTensorBytes: batchSize * fp.largestTensorBytes,
  };
}

/**
 * The run guard's refusal for training `graph` on batches of `batchSize` on `backend`, worded for a
 * training step, or null when it fits: one sentence for the CLI (`arch train`) and /train alike.
 */
export function trainingRefusal(graph: Graph, batchSize: number, backend: BackendName, advice: string): string | null {
  const refusal = memoryRefusal(trainingFootprint(graph, footprint(graph), batchSize), backend, 0, advice);
  return refusal ? refusal.message.replace('to run on', 'to train on').replace('one pass needs', `a training step of ${batchSize} images needs`) : null;
}
