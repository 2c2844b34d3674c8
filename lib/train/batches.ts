/**
 * Which dataset indices each optimizer step trains on, as PyTorch's
 * `DataLoader(dataset, batch_size, shuffle, drop_last=True)`: every epoch visits the dataset once
 * in a fresh order (shuffle) or in index order (no shuffle), is cut into full batches, and the
 * last N mod B samples are left out of that epoch (drop_last=True, so batch statistics in
 * BatchNorm always see B samples). The next epoch starts again from the beginning of a new order.
 *
 * The order of epoch e is a Fisher–Yates shuffle from Rng.stream(seed, e) (lib/train/rng.ts), so it
 * depends only on (seed, e), not on the epochs before it.
 */
import { Rng } from './rng';

export interface BatchSamplerOptions {
  /** Dataset size. */
  readonly n: number;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number;
  /** Start as if this many batches had been drawn already (resuming a run). Default 0. */
  readonly startStep?: number;
}

export class BatchSampler {
  readonly n: number;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number;
  /** Full batches per epoch: floor(n / batchSize). */
  readonly stepsPerEpoch: number;
  private order: Int32Array;
  private orderEpoch = -1;
  private drawn: number;

  constructor(o: BatchSamplerOptions) {
    if (!Number.isInteger(o.n) || o.n < 1) throw new RangeError(`dataset size must be a whole number ≥ 1, got ${o.n}`);
    if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError(`batch size must be a whole number ≥ 1, got ${o.batchSize}`);
    if (o.batchSize > o.n) throw new RangeError(`batch size ${o.batchSize} is larger than the dataset (${o.n} samples): with drop_last no full batch exists`);
    const start = o.startStep ?? 0;
    if (!Number.isInteger(start) || start < 0) throw new RangeError(`startStep must be a whole number ≥ 0, got ${start}`);
    this.n = o.n;
    this.batchSize = o.batchSize;
    this.shuffle = o.shuffle;
    this.seed = o.seed;
    this.stepsPerEpoch = Math.floor(o.n / o.batchSize);
    this.order = new Int32Array(o.n);
    this.drawn = start;
  }

  /** Batches drawn so far (= the index of the next one). */
  get step(): number {
    return this.drawn;
  }

  /** 0-based epoch of the next batch. */
  get epoch(): number {
    return Math.floor(this.drawn / this.stepsPerEpoch);
  }

  /** The dataset indices of the next batch (a fresh array the caller owns). */
  next(): Int32Array {
    const e = this.epoch;
    const b = this.drawn - e * this.stepsPerEpoch;
    this.drawn++;
    if (!this.shuffle) {
      const out = new Int32Array(this.batchSize);
      for (let i = 0; i < out.length; i++) out[i] = b * this.batchSize + i;
      return out;
    }
    if (this.orderEpoch !== e) {
      for (let i = 0; i < this.n; i++) this.order[i] = i;
      Rng.stream(this.seed, e).shuffle(this.order);
      this.orderEpoch = e;
    }
    return this.order.slice(b * this.batchSize, (b + 1) * this.batchSize);
  }
}
