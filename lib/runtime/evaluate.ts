/**
 * Accuracy and confusion matrix of a Model on a labelled set, through the normal fused inference
 * path (Model.predict: the same folded conv+BN kernels as every run on the site), so a trained
 * model's test accuracy is that of the logits PyTorch computes for the same state_dict.
 *
 * Runs in batches and yields to the page between them (a Cancel button stays live); stops with a
 * CancelledError when the signal fires, after the batch's tensors were freed.
 */
import * as tf from '@tensorflow/tfjs';
import type { EvalReport, LabelledImages } from '../train/types';
import { throwIfCancelled, yieldToPage } from './cancel';
import type { Model } from './executor';
import { inputFromNCHW } from './executor';

export interface EvaluateOptions {
  /** Images per forward pass (default 100). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal | null;
  /** After every batch: images done, images in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type Evaluation = EvalReport & { readonly predictions: Int32Array };

/** The argmax of each row of a [N, classes] logit array (first maximum on ties, as torch.argmax). */
export function argmaxRows(logits: ArrayLike<number>, classes: number): Int32Array {
  const n = logits.length / classes;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[i * classes + c] > logits[i * classes + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** confusion[true][predicted] counts and the share of the diagonal. */
export function evalReport(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes: number): EvalReport {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    confusion[labels[i]][predictions[i]]++;
    if (labels[i] === predictions[i]) right++;
  }
  return { accuracy: labels.length ? right / labels.length : 0, n: labels.length, confusion };
}

export async function evaluateModel(model: Model, data: LabelledImages, options: EvaluateOptions = {}): Promise<Evaluation> {
  const [n, c, h, w] = data.shape;
  if (data.labels.length !== n) throw new Error(`${n} images but ${data.labels.length} labels`);
  if (data.images.length !== n * c * h * w)
    throw new Error(`images hold ${data.images.length} values, shape [${data.shape.join(', ')}] needs ${n * c * h * w}`);
  const batch = Math.max(1, Math.floor(options.batchSize ?? 100));
  const per = c * h * w;
  let classes = 0;
  const predictions = new Int32Array(n);
  for (let start = 0; start < n; start += batch) {
    throwIfCancelled(options.signal);
    const size = Math.min(batch, n - start);
    // Not inside tf.tidy: the model's first pass builds its folded conv+BN filters, which it keeps.
    const x = inputFromNCHW(data.images.subarray(start * per, (start + size) * per), [size, c, h, w]);
    let logits: tf.Tensor;
    try {
      logits = model.predict(x);
    } finally {
      x.dispose();
    }
    let values: Float32Array;
    try {
      if (logits.rank !== 2 || logits.shape[0] !== size) throw new Error(`the model's output has shape [${logits.shape.join(', ')}], not [${size}, classes]`);
      classes = logits.shape[1] as number;
      values = (await logits.data()) as Float32Array;
    } finally {
      logits.dispose();
    }
    predictions.set(argmaxRows(values, classes), start);
    options.onProgress?.(start + size, n);
    await yieldToPage();
  }
  const maxLabel = data.labels.reduce((m, l) => Math.max(m, l), 0);
  if (maxLabel >= classes && n > 0) throw new Error(`label ${maxLabel} is not among the model's ${classes} classes`);
  return { ...evalReport(data.labels, predictions, classes), predictions };
}
