/**
 * The training contracts shared by the trainer, the optimizers, the CLI and the /train page.
 *
 * Everything here is data (no tfjs import), so UI code and URL schemas can use it statically.
 * The numerics follow PyTorch 1.13 exactly (torch.optim.SGD / Adam, StepLR, CosineAnnealingLR,
 * nn.BatchNorm2d in train mode, nn.Dropout, nn.CrossEntropyLoss with mean reduction).
 */

/** torch.optim.SGD (dampening 0) or torch.optim.Adam (L2 weight decay, not AdamW; amsgrad off). */
export type OptimizerConfig =
  | { readonly kind: 'sgd'; readonly lr: number; readonly momentum: number; readonly nesterov: boolean; readonly weightDecay: number }
  | { readonly kind: 'adam'; readonly lr: number; readonly beta1: number; readonly beta2: number; readonly eps: number; readonly weightDecay: number };

/**
 * Learning-rate schedule, stepped once per optimizer step (PyTorch: `scheduler.step()` after every
 * `optimizer.step()`), so `stepSize` and `tMax` count steps, not epochs.
 * - constant: lr for every step;
 * - step: StepLR, lr · gamma^floor(t / stepSize);
 * - cosine: CosineAnnealingLR's closed form, etaMin + (lr − etaMin)(1 + cos(π t / tMax)) / 2.
 */
export type ScheduleConfig =
  | { readonly kind: 'constant' }
  | { readonly kind: 'step'; readonly stepSize: number; readonly gamma: number }
  | { readonly kind: 'cosine'; readonly tMax: number; readonly etaMin: number };

export interface TrainConfig {
  readonly optimizer: OptimizerConfig;
  readonly schedule: ScheduleConfig;
  readonly batchSize: number;
  /** Optimizer steps to run. */
  readonly steps: number;
  /** Seeds the batch order and the dropout masks. */
  readonly seed: number;
  /** False: batches are taken in dataset order (the CLI's --no-shuffle; the parity fixtures). */
  readonly shuffle: boolean;
  /** False: every dropout layer is the identity in train mode too (the CLI's --no-dropout). */
  readonly dropout: boolean;
  /**
   * After the last step, recompute every BN's running statistics as the plain average over this
   * many training batches, weights unchanged ("precise BN", lib/train/precise-bn.ts; PyTorch's
   * torch.optim.swa_utils.update_bn). 0 or absent: off, the running statistics stay PyTorch's EMA.
   */
  readonly preciseBn?: number;
}

/** What one optimizer step reports. */
export interface StepReport {
  /** 0-based index of the step. */
  readonly step: number;
  /** Mean cross-entropy of the batch, before the update. */
  readonly loss: number;
  /** Fraction of the batch classified correctly, before the update. */
  readonly accuracy: number;
  /** Learning rate the step used. */
  readonly lr: number;
  /** Wall time of the step, ms (forward, backward, update and the loss read-back). */
  readonly ms: number;
}

/** A labelled image set in the model's input form: NCHW float32 images, integer labels. */
export interface LabelledImages {
  readonly images: Float32Array;
  /** [N, C, H, W] */
  readonly shape: readonly [number, number, number, number];
  readonly labels: Int32Array;
}

/** Test-set evaluation through the fused inference path. */
export interface EvalReport {
  readonly accuracy: number;
  readonly n: number;
  /** confusion[true][predicted], classes × classes counts. */
  readonly confusion: readonly (readonly number[])[];
}
