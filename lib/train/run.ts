/**
 * TrainingRun: one model training on one labelled set, in steps the page can interleave with its
 * own work. It owns a TrainableModel (variables), an optimizer (lib/train/optim) and a
 * BatchSampler (lib/train/batches.ts); every step is trainer.ts's trainStep with the schedule's
 * learning rate (lib/train/schedule.ts) for that step index.
 *
 * - `run(n)` runs up to n more steps (never past config.steps), yielding to the page between
 *   steps (lib/runtime/cancel.ts yieldToPage) and reading each step's loss back asynchronously,
 *   so WebGL/WebGPU never block the page. A step is atomic: its update lands completely or not at
 *   all. An AbortSignal stops the run with a CancelledError after the step in progress (its
 *   tensors freed); stepsDone says how far it got, and a later run() resumes there (pause =
 *   abort, resume = run again).
 * - `evaluate` goes through the fused inference path (evaluate.ts: the exported state dict in
 *   lib/runtime's Model), so eval logits equal PyTorch's for the same state_dict.
 * - `toSafetensors` writes the whole state_dict in torchvision key order (save.ts).
 * - `dispose` frees every tensor the run holds (variables, optimizer state); a run() in progress
 *   then stops with a CancelledError.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../arch/ir';
import { CancelledError, throwIfCancelled, yieldToPage } from '../runtime/cancel';
import { heInit } from '../runtime/weights/he-init';
import type { StateDict } from '../runtime/weights/types';
import { BatchSampler } from './batches';
import { checkImages, gatherBatch } from './data';
import { type EvaluateOptions, type Evaluation, evaluateStateDict } from './evaluate';
import type { TrainGroupConv } from './layout';
import { type Optimizer, createOptimizer } from './optim';
import { stateDictToSafetensors } from './save';
import { preciseBnBatch, resetRunningStats } from './precise-bn';
import { learningRate } from './schedule';
import { readStep, trainStep } from './trainer';
import type { LabelledImages, StepReport, TrainConfig } from './types';
import { TrainableModel } from './variables';

export interface TrainingRunOptions {
  readonly graph: Graph;
  /** Initial weights (torchvision layout); default: lib/runtime's He init from `seed`. */
  readonly init?: StateDict;
  readonly train: LabelledImages;
  /** The held-out set evaluate() uses when it is given none. */
  readonly test?: LabelledImages;
  readonly config: TrainConfig;
  /** Seed of the untrained init; default config.seed. */
  readonly seed?: number;
  /** num_batches_tracked to start from, by key (e.g. from the --init file); default 0. */
  readonly numBatchesTracked?: ReadonlyMap<string, number>;
  /** Grouped-conv training strategy (default variables.ts DEFAULT_TRAIN_GROUP_CONV). */
  readonly groupConv?: TrainGroupConv;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onStep?: (r: StepReport) => void;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

export class TrainingRun {
  readonly graph: Graph;
  readonly config: TrainConfig;
  readonly test: LabelledImages | undefined;
  /** The tfjs backend the variables live on. */
  readonly backend: string;
  private readonly train: LabelledImages;
  private readonly model: TrainableModel;
  private readonly optimizer: Optimizer;
  private sampler: BatchSampler;
  private done = 0;
  /** Batches of precise BN applied after the last step (0 until then, or when it is off). */
  private calibrated = 0;
  private running = false;
  private disposed = false;

  private constructor(o: TrainingRunOptions, model: TrainableModel, optimizer: Optimizer, sampler: BatchSampler) {
    this.graph = o.graph;
    this.config = o.config;
    this.train = o.train;
    this.test = o.test;
    this.model = model;
    this.optimizer = optimizer;
    this.sampler = sampler;
    this.backend = tf.getBackend();
  }

  /**
   * Checks the data against the graph (clear messages), builds the variables on the current
   * backend, the optimizer and the batch order. Throws on bad input, leaving no tensors.
   */
  static create(o: TrainingRunOptions): TrainingRun {
    checkImages(o.train, o.graph, 'training images');
    if (o.test) checkImages(o.test, o.graph, 'test images');
    const c = o.config;
    if (!Number.isInteger(c.steps) || c.steps < 0) throw new RangeError(`steps must be a whole number ≥ 0, got ${c.steps}`);
    const sampler = new BatchSampler({ n: o.train.shape[0], batchSize: c.batchSize, shuffle: c.shuffle, seed: c.seed });
    const init = o.init ?? heInit(o.graph, o.seed ?? c.seed);
    const model = TrainableModel.fromStateDict(o.graph, init, { groupConv: o.groupConv, numBatchesTracked: o.numBatchesTracked });
    let optimizer: Optimizer;
    try {
      optimizer = createOptimizer(c.optimizer);
    } catch (e) {
      model.dispose();
      throw e;
    }
    return new TrainingRun(o, model, optimizer, sampler);
  }

  /** Optimizer steps completed. */
  get stepsDone(): number {
    return this.done;
  }

  /** Steps left before config.steps. */
  get stepsLeft(): number {
    return Math.max(0, this.config.steps - this.done);
  }

  /** 0-based epoch of the next batch (PyTorch's DataLoader epochs, drop_last). */
  get epoch(): number {
    return this.sampler.epoch;
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** num_batches_tracked of every BN, by state_dict key (PyTorch's int64 counter). */
  get numBatchesTracked(): ReadonlyMap<string, number> {
    return this.model.numBatchesTracked();
  }

  /** Tensors the run holds: its variables plus the optimizer's state. */
  get numTensors(): number {
    return this.model.numVariables + this.optimizer.numStateTensors;
  }

  private live(): void {
    if (this.disposed) throw new Error(`training run of ${this.graph.id} has been disposed`);
  }

  /** Runs up to n more steps (not past config.steps); resolves with their reports. */
  async run(n: number, options: RunOptions = {}): Promise<StepReport[]> {
    this.live();
    if (this.running) throw new Error(`training run of ${this.graph.id} is already running`);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`steps to run must be a whole number ≥ 0, got ${n}`);
    throwIfCancelled(options.signal);
    this.running = true;
    const reports: StepReport[] = [];
    try {
      const todo = Math.min(n, this.stepsLeft);
      for (let i = 0; i < todo; i++) {
        if (i > 0) await yieldToPage();
        throwIfCancelled(options.signal);
        if (this.disposed) throw new CancelledError('training run disposed');
        const r = await this.step();
        reports.push(r);
        options.onStep?.(r);
      }
      if (this.stepsLeft === 0 && this.calibrated === 0 && (this.config.preciseBn ?? 0) > 0) await this.recalibrateBn(this.config.preciseBn ?? 0, options);
      return reports;
    } finally {
      this.running = false;
    }
  }

  /** One step: batch, forward, loss, gradients, update, running statistics; loss read back. */
  private async step(): Promise<StepReport> {
    if (this.disposed) throw new CancelledError('training run disposed');
    const t0 = now();
    const step = this.done;
    const lr = learningRate(this.config.schedule, this.config.optimizer.lr, step);
    const indices = this.sampler.next();
    const { x, labels } = gatherBatch(this.train, indices);
    let out;
    try {
      out = trainStep(this.model, this.optimizer, x, labels, { lr, step, dropout: this.config.dropout, seed: this.config.seed });
    } catch (e) {
      // The step did not happen: draw its batch again next time.
      this.sampler = this.samplerAt(step);
      throw e;
    } finally {
      tf.dispose([x, labels]);
    }
    this.done++;
    const { loss, accuracy } = await readStep(out, indices.length);
    return { step, loss, accuracy, lr, ms: now() - t0 };
  }

  /** Batches of precise BN applied after the last step (config.preciseBn once done, else 0). */
  get preciseBnBatches(): number {
    return this.calibrated;
  }

  /**
   * Precise BN (precise-bn.ts): running statistics reset, then the plain average over `k` training
   * batches, in train mode without gradients; the weights are untouched. run() calls it once the
   * last step is done when config.preciseBn > 0. The batches are the first `k` of the run's first
   * epoch order (the seeded sampler from step 0, as `update_bn(train_loader, model)` takes one pass
   * of the loader), so the result is a function of the weights and the config alone: recalibrating
   * a saved state dict gives exactly what the run that trained it would have. Cancelling stops it
   * between batches; the statistics are then those of the batches so far, and the next run()
   * starts it again from the reset.
   */
  async recalibrateBn(k: number, options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    this.live();
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`precise BN needs a whole number of batches ≥ 1, got ${k}`);
    const c = this.config;
    const sampler = new BatchSampler({ n: this.train.shape[0], batchSize: c.batchSize, shuffle: c.shuffle, seed: c.seed });
    this.calibrated = 0;
    resetRunningStats(this.model);
    for (let i = 0; i < k; i++) {
      if (i > 0) await yieldToPage();
      throwIfCancelled(options.signal);
      if (this.disposed) throw new CancelledError('training run disposed');
      const { x, labels } = gatherBatch(this.train, sampler.next());
      try {
        preciseBnBatch(this.model, x, { dropout: c.dropout, seed: c.seed, step: i });
      } finally {
        tf.dispose([x, labels]);
      }
    }
    this.calibrated = k;
  }

  private samplerAt(startStep: number): BatchSampler {
    const c = this.config;
    return new BatchSampler({ n: this.train.shape[0], batchSize: c.batchSize, shuffle: c.shuffle, seed: c.seed, startStep });
  }

  /** Accuracy, confusion and predictions on `data` (default: the run's test set), fused inference path. */
  async evaluate(data?: LabelledImages, options: EvaluateOptions = {}): Promise<Evaluation> {
    this.live();
    const set = data ?? this.test;
    if (!set) throw new Error(`training run of ${this.graph.id} has no test set: pass the images to evaluate`);
    return evaluateStateDict(this.graph, await this.model.stateDict(), set, options);
  }

  /** The whole state dict in PyTorch layout (float tensors; num_batches_tracked in numBatchesTracked). */
  stateDict(): Promise<StateDict> {
    this.live();
    return this.model.stateDict();
  }

  /** The whole state_dict as .safetensors, torchvision key order, num_batches_tracked as I64. */
  async toSafetensors(): Promise<Uint8Array> {
    this.live();
    const sd = await this.model.stateDict();
    return stateDictToSafetensors(this.graph, sd, this.model.numBatchesTracked());
  }

  /** Frees the variables and the optimizer state. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
    this.optimizer.dispose();
  }
}
