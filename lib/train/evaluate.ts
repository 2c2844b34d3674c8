/**
 * Evaluation of a trained state dict through the fused inference path: the state dict (the
 * trainer's, exported in PyTorch layout) loaded into lib/runtime's Model (executor.ts: eval-mode
 * BN folded into the convs, dropout the identity) and run by lib/runtime/evaluate.ts. So a
 * trained model's eval logits are the executor's, which equal PyTorch's for the same state_dict
 * (lib/runtime's parity tests). The model is freed in every case (cancel included).
 */
import type { Graph } from '../arch/ir';
import { type EvaluateOptions, type Evaluation, evaluateModel } from '../runtime/evaluate';
import { Model } from '../runtime/executor';
import type { StateDict } from '../runtime/weights/types';
import { checkImages } from './data';
import type { LabelledImages } from './types';

export type { EvaluateOptions, Evaluation };

export async function evaluateStateDict(graph: Graph, sd: StateDict, data: LabelledImages, options: EvaluateOptions = {}): Promise<Evaluation> {
  checkImages(data, graph, 'evaluation images');
  const model = Model.create(graph, sd);
  try {
    return await evaluateModel(model, data, options);
  } finally {
    model.dispose();
  }
}
