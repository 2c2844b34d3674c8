/**
 * A differentiable forward of the executor's Model, for explanations computed with tfjs'
 * gradients (Grad-CAM, saliency, SmoothGrad, effective receptive fields).
 *
 * It walks the same lib/arch graph as Model.execute, node by node through the runtime's own
 * applyNode on the model's own (eval-mode) weights, and frees each value after its last consumer
 * with the executor's consumerCounts / releaseInputs. Two differences from Model.execute:
 *
 * - nothing is fused: a fused conv+BN+activation kernel (tf.fused.conv2d) has no gradient for
 *   every activation on every backend, so each conv, BatchNorm (scale/shift) and activation runs
 *   as its own op, all of which tfjs differentiates;
 * - `perturb` adds a tensor to a node's output. With a zero perturbation the forward is
 *   unchanged, and the gradient of a score with respect to that perturbation IS the gradient with
 *   respect to the node's activation (tfjs cannot differentiate with respect to an intermediate
 *   tensor, only with respect to the inputs of the function handed to tf.grad).
 *
 * Use inside tf.grad / tf.grads / tf.valueAndGrad, e.g. the gradient of class c's score with
 * respect to a layer's activation A (Selvaraju et al. 2017, eq. 1):
 *
 *   const zero = tf.zeros(shapeOfA);
 *   const dA = tf.grad((p) => classScore(differentiableForward(model, x, { perturb: new Map([[layer, p]]) })
 *     .logits, c))(zero);
 *
 * On wasm, tfjs lacks some gradient kernels: call `ensureTrainingKernels(tf.getBackend())`
 * (lib/train/kernels) once the backend is set; `prepareGradients()` below does that.
 *
 * Memory: every captured tensor and the logits belong to the caller (inside tf.grad they are
 * freed with its scope unless tf.keep'd); the intermediates are freed as the executor frees them.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT } from '../arch/ir';
import { type Model, consumerCounts, releaseInputs } from '../runtime/executor';
import { applyNode } from '../runtime/ops';
import { ensureTrainingKernels } from '../train/kernels';

export interface DifferentiableForwardOptions {
  /** Node names whose outputs (after any perturbation) to hand back as well. */
  readonly capture?: readonly string[];
  /** Node name → tensor added to that node's output (same shape, or one that broadcasts to it). */
  readonly perturb?: ReadonlyMap<string, tf.Tensor>;
}

export interface DifferentiableForwardResult {
  /** The graph output (logits), [N, classes]. */
  readonly logits: tf.Tensor;
  /** The captured node outputs (NHWC or [N, F]), in graph order. */
  readonly captured: Map<string, tf.Tensor>;
}

/** Registers the gradient kernels the active backend lacks (idempotent, cheap). */
export function prepareGradients(): void {
  ensureTrainingKernels(tf.getBackend());
}

/**
 * Σ over the batch of logits[n, c]: the score y^c a gradient explanation differentiates. A one-hot
 * product rather than gather, whose gradient (UnsortedSegmentSum) tfjs-backend-wasm lacks.
 */
export function classScore(logits: tf.Tensor, c: number): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[logits.rank - 1];
    classOk(c, classes);
    return tf.sum(tf.mul(logits, tf.oneHot([c], classes).reshape([1, classes]).toFloat()));
  });
}

function classOk(c: number, classes: number): void {
  if (!Number.isInteger(c) || c < 0 || c >= classes) throw new Error(`class ${c} is not one of the ${classes} outputs`);
}

/**
 * Throws unless `c` is one of the model's outputs. Call it before tf.grad: a forward that throws
 * inside tf.grad leaves behind the tensors tfjs saved for the backward pass (lib/train/README.md).
 */
export function checkClass(model: Model, c: number): void {
  const out = model.graph.nodes.find((n) => n.name === model.graph.output);
  classOk(c, out ? out.outShape[out.outShape.length - 1] : 0);
}

export function differentiableForward(model: Model, x: tf.Tensor4D, opts: DifferentiableForwardOptions = {}): DifferentiableForwardResult {
  const graph = model.graph;
  if (x.rank !== 4 || x.shape[3] !== graph.input[0]) throw new Error(`input must be NHWC with ${graph.input[0]} channels, got [${x.shape.join(', ')}]`);
  const names = new Set(graph.nodes.map((n) => n.name));
  const capture = new Set(opts.capture ?? []);
  for (const c of capture) if (!names.has(c)) throw new Error(`no node named "${c}" in ${graph.id}`);
  const perturb = opts.perturb ?? new Map<string, tf.Tensor>();
  for (const p of perturb.keys()) if (!names.has(p)) throw new Error(`no node named "${p}" in ${graph.id}`);

  const remaining = consumerCounts(graph);
  const values = new Map<string, tf.Tensor>();
  const captured = new Map<string, tf.Tensor>();
  let logits: tf.Tensor | null = null;
  const handedOut = (t: tf.Tensor, name: string) => t === logits || captured.get(name) === t;
  try {
    for (const node of graph.nodes) {
      const ins = node.inputs.map((name) => (name === INPUT ? x : (values.get(name) as tf.Tensor)));
      const plain = applyNode(node, ins, model.paramsOf(node.name));
      const p = perturb.get(node.name);
      let y = plain;
      if (p) {
        try {
          y = tf.add(plain, p);
        } finally {
          plain.dispose();
        }
      }
      values.set(node.name, y);
      if (node.name === graph.output) logits = y;
      if (capture.has(node.name)) captured.set(node.name, node.name === graph.output ? tf.clone(y) : y);
      releaseInputs(node, remaining, values, handedOut);
    }
  } catch (e) {
    for (const t of values.values()) t.dispose();
    for (const t of captured.values()) t.dispose();
    throw e;
  }
  // Dead ends (values no later node reads) that are neither returned nor captured.
  for (const [name, t] of values) if (!handedOut(t, name)) t.dispose();
  if (!logits) throw new Error(`graph ${graph.id} never computed its output`);
  return { logits, captured };
}
