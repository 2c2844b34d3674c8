/**
 * Precise BatchNorm statistics (Wu & Johnson 2021, "Rethinking 'Batch' in BatchNorm", §3): after
 * training, replace every BN's running mean and variance (an exponential moving average of
 * batch statistics taken while the weights were still moving) by the plain average of the batch
 * statistics of K training batches under the final weights. The weights are not touched.
 *
 * Exactly PyTorch 1.13's `torch.optim.swa_utils.update_bn(loader, model)`:
 *
 *   for bn in BN modules: bn.running_mean = 0; bn.running_var = 1; bn.momentum = None;
 *                         bn.num_batches_tracked = 0
 *   model.train(); for x in loader: model(x)       # no optimizer step
 *
 * With momentum None, BatchNorm's factor is 1 / num_batches_tracked (torch/nn/modules/batchnorm.py,
 * `exponential_average_factor = 1.0 / float(self.num_batches_tracked)`), so after batch t
 *
 *   running_mean = (1 − 1/t)·running_mean + (1/t)·E_t[x]
 *   running_var  = (1 − 1/t)·running_var  + (1/t)·Var_t[x]·n/(n − 1)     (unbiased, as always)
 *
 * i.e. the cumulative average of the K batch means and unbiased variances; num_batches_tracked
 * ends at K. This recursion is computed as written (not as one sum / K), so the float32 rounding
 * follows PyTorch's. `precise-bn.test.ts` holds it to update_bn on a fixture.
 *
 * Why it matters here: MnasNet's BN momentum is torchvision's 1 − 0.9997 (a time constant of
 * ~3,333 steps), so after a training of a thousand steps its running statistics are still
 * two-thirds their init (0.9997^1250 ≈ 0.69) and eval-mode accuracy stays near chance.
 */
import * as tf from '@tensorflow/tfjs';
import { trainForward } from './forward';
import { ensureTrainingKernels } from './kernels';
import type { TrainableModel } from './variables';

export interface PreciseBnBatchOptions {
  /** Dropout as in training (it changes BN statistics only where a BN follows a dropout). */
  readonly dropout: boolean;
  readonly seed: number;
  /** Index that seeds the dropout masks of this pass. */
  readonly step: number;
}

/** `update_bn`'s reset: running_mean 0, running_var 1, num_batches_tracked 0 (momentum None follows). */
export function resetRunningStats(model: TrainableModel): void {
  for (const v of model.bn.values()) {
    tf.tidy(() => {
      v.runningMean.assign(tf.zerosLike(v.runningMean));
      v.runningVar.assign(tf.onesLike(v.runningVar));
    });
  }
  model.resetBatchesTracked();
}

/**
 * One train-mode forward of an NHWC batch with no gradient and no weight change, folding its
 * batch statistics into the running ones with factor 1/t, where t = the batch's 1-based index
 * since resetRunningStats (num_batches_tracked after this batch).
 */
export function preciseBnBatch(model: TrainableModel, x: tf.Tensor4D, options: PreciseBnBatchOptions): void {
  ensureTrainingKernels(tf.getBackend());
  model.countBatch();
  const t = [...model.numBatchesTracked().values()][0] ?? 1;
  const f = 1 / t;
  tf.tidy(() => {
    const next: { name: string; mean: tf.Tensor; variance: tf.Tensor }[] = [];
    trainForward(model, x, {
      dropout: options.dropout,
      seed: options.seed,
      step: options.step,
      onBatchStats: (node, stats) => {
        const v = model.bn.get(node.name);
        if (!v) return;
        const unbiased = tf.mul(stats.variance, stats.count / (stats.count - 1));
        next.push({
          name: node.name,
          mean: tf.add(tf.mul(v.runningMean, 1 - f), tf.mul(stats.mean, f)),
          variance: tf.add(tf.mul(v.runningVar, 1 - f), tf.mul(unbiased, f)),
        });
      },
    });
    for (const u of next) {
      const v = model.bn.get(u.name);
      if (!v) continue;
      v.runningMean.assign(u.mean as tf.Tensor1D);
      v.runningVar.assign(u.variance as tf.Tensor1D);
    }
  });
}
