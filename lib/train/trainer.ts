/**
 * One optimizer step, as a PyTorch training loop does it:
 *
 *   model.train(); logits = model(x)          # BN uses batch stats and updates running stats
 *   loss = F.cross_entropy(logits, y)         # mean reduction
 *   optimizer.zero_grad(); loss.backward(); optimizer.step()
 *
 * Forward, loss and gradients run inside tf.variableGrads (its scopes free every intermediate);
 * the optimizer (lib/train/optim) updates the variables in place; the BN running statistics
 * (computed from this batch's statistics in the forward, as PyTorch does) are assigned after, and
 * num_batches_tracked is incremented. Every tensor the step makes is freed before it returns,
 * except the two scalars it hands back for an asynchronous read-back; on an error everything is
 * freed and the variables are unchanged unless the optimizer had started its update.
 */
import * as tf from '@tensorflow/tfjs';
import { runningUpdate } from './batchnorm';
import { trainForward } from './forward';
import { ensureTrainingKernels } from './kernels';
import { correctCount, crossEntropy } from './loss';
import type { Graph } from '../arch/ir';
import type { Optimizer } from './optim';
import type { TrainableModel } from './variables';

export type { Optimizer };

export interface StepOptions {
  readonly lr: number;
  /** 0-based index of this step (seeds dropout). */
  readonly step: number;
  readonly dropout: boolean;
  readonly seed: number;
}

/** The step's loss and number of correct predictions, still on the device. Caller disposes. */
export interface StepTensors {
  readonly loss: tf.Scalar;
  readonly correct: tf.Scalar;
}

/**
 * Every reason a batch cannot train `graph`, checked before the first op: a forward that fails
 * inside tf.variableGrads leaves the tensors tfjs saved for the backward pass behind.
 */
export function batchIssue(graph: Graph, x: tf.Tensor, labels: tf.Tensor): string | null {
  const [c, h, w] = graph.input;
  const [n] = x.shape;
  if (x.rank !== 4 || x.shape[1] !== h || x.shape[2] !== w || x.shape[3] !== c)
    return `batch has shape [${x.shape.join(', ')}]; ${graph.id} trains on NHWC [N, ${h}, ${w}, ${c}]`;
  if (labels.rank !== 1 || labels.shape[0] !== n || labels.dtype !== 'int32')
    return `labels must be int32 [${n}], got ${labels.dtype} [${labels.shape.join(', ')}]`;
  for (const node of graph.nodes) {
    if (node.op.kind !== 'bn') continue;
    const per = n * node.outShape.slice(1).reduce((a, b) => a * b, 1);
    // PyTorch refuses too: "Expected more than 1 value per channel when training".
    if (per < 2) return `BatchNorm "${node.name}" in train mode needs more than 1 value per channel; a batch of ${n} gives ${per}`;
  }
  return null;
}

/** Run one step on an NHWC batch and int32 labels. Synchronous; read the result back with readStep. */
export function trainStep(model: TrainableModel, optimizer: Optimizer, x: tf.Tensor4D, labels: tf.Tensor1D, options: StepOptions): StepTensors {
  const issue = batchIssue(model.graph, x, labels);
  if (issue) throw new Error(issue);
  // wasm lacks three conv gradient kernels (lib/train/kernels); a registry look-up elsewhere.
  ensureTrainingKernels(tf.getBackend());
  const updates: { name: string; runningMean: tf.Tensor; runningVar: tf.Tensor }[] = [];
  let correct: tf.Scalar | null = null;
  let value: tf.Scalar | null = null;
  let grads: Record<string, tf.Tensor> = {};
  try {
    const r = tf.variableGrads(() => {
      const logits = trainForward(model, x, {
        dropout: options.dropout,
        seed: options.seed,
        step: options.step,
        onBatchStats: (node, stats) => {
          const op = node.op;
          if (op.kind !== 'bn') return;
          const v = model.bn.get(node.name);
          if (!v) return;
          const u = runningUpdate(v, stats, op.momentum);
          updates.push({ name: node.name, runningMean: tf.keep(u.runningMean), runningVar: tf.keep(u.runningVar) });
        },
      });
      correct = tf.keep(correctCount(logits, labels));
      return crossEntropy(logits, labels);
    }, model.trainableVariables());
    value = r.value;
    grads = r.grads as Record<string, tf.Tensor>;
    // A parameter the loss does not reach gets no entry, as PyTorch leaves its .grad None and
    // torch.optim skips it (no weight decay, no momentum update).
    const byKey = new Map<string, tf.Tensor>();
    for (const p of model.params) {
      const g = grads[p.variable.name];
      if (g) byKey.set(p.key, g);
    }
    optimizer.step(model.params, byKey, options.lr);
    for (const u of updates) {
      const v = model.bn.get(u.name);
      if (!v) continue;
      v.runningMean.assign(u.runningMean as tf.Tensor1D);
      v.runningVar.assign(u.runningVar as tf.Tensor1D);
    }
    model.countBatch();
    return { loss: value, correct: correct as unknown as tf.Scalar };
  } catch (e) {
    value?.dispose();
    (correct as tf.Scalar | null)?.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(grads));
    for (const u of updates) tf.dispose([u.runningMean, u.runningVar]);
  }
}

/** Reads a step's loss and accuracy back without blocking the page (one read-back), frees them. */
export async function readStep(t: StepTensors, batchSize: number): Promise<{ loss: number; accuracy: number }> {
  const both = tf.stack([t.loss, t.correct]);
  tf.dispose([t.loss, t.correct]);
  try {
    const [loss, correct] = (await both.data()) as Float32Array;
    return { loss, accuracy: correct / batchSize };
  } finally {
    both.dispose();
  }
}
