/**
 * Evaluation through the fused inference path: a state dict (the trainer's, exported) loaded
 * into lib/runtime's Model (executor.ts: eval-mode BN folded into the convs, dropout the
 * identity), run over the data in batches, argmax per image. So a trained model's eval logits are
 * the executor's, which equal PyTorch's for the same state_dict (lib/runtime's parity tests).
 * Yields to the page between batches and stops at the next batch when `signal` fires; the model
 * is freed in every case.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../arch/ir';
import { throwIfCancelled, yieldToPage } from '../runtime/cancel';
import { Model } from '../runtime/executor';
import type { StateDict } from '../runtime/weights/types';
import { checkImages, classesOf, gatherBatch } from './data';
import type { EvalReport, LabelledImages } from './types';

export interface EvaluateOptions {
  readonly signal?: AbortSignal;
  /** Images per forward pass (default 256). */
  readonly batchSize?: number;
}

export type EvalResult = EvalReport & { readonly predictions: Int32Array };

export async function evaluateStateDict(graph: Graph, sd: StateDict, data: LabelledImages, options: EvaluateOptions = {}): Promise<EvalResult> {
  checkImages(data, graph, 'evaluation images');
  const batchSize = options.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`evaluation batch size must be a whole number ≥ 1, got ${batchSize}`);
  throwIfCancelled(options.signal);
  const k = classesOf(graph);
  const n = data.shape[0];
  const predictions = new Int32Array(n);
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  const model = Model.create(graph, sd);
  try {
    for (let start = 0; start < n; start += batchSize) {
      const idx = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
      const { x, labels } = gatherBatch(data, idx);
      labels.dispose();
      let pred: tf.Tensor;
      try {
        pred = tf.tidy(() => tf.argMax(model.predict(x), 1));
      } finally {
        x.dispose();
      }
      let p: Int32Array;
      try {
        p = (await pred.data()) as Int32Array;
      } finally {
        pred.dispose();
      }
      for (let i = 0; i < p.length; i++) {
        const t = data.labels[start + i];
        predictions[start + i] = p[i];
        confusion[t][p[i]]++;
        if (p[i] === t) correct++;
      }
      throwIfCancelled(options.signal);
      if (start + batchSize < n) await yieldToPage();
    }
  } finally {
    model.dispose();
  }
  return { accuracy: n ? correct / n : 0, n, confusion, predictions };
}
