import type * as tf from '@tensorflow/tfjs';

/** One trainable tensor: its torchvision state_dict key and its variable (any layout: updates are element-wise). */
export interface TrainParam {
  readonly key: string;
  readonly variable: tf.Variable;
}

export interface Optimizer {
  /**
   * One torch.optim `optimizer.step()` with learning rate `lr`. A parameter without a gradient in
   * `grads` is skipped and its state left as it was, as PyTorch skips `p.grad is None`. The
   * gradients stay the caller's (not disposed).
   */
  step(params: readonly TrainParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void;
  /** Tensors the optimizer holds (momentum buffers, Adam's moments). */
  readonly numStateTensors: number;
  /** Frees every state tensor; the optimizer cannot step afterwards. */
  dispose(): void;
}
