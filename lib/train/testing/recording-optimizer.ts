/**
 * Test double of lib/train/optim's Optimizer: records the gradients it is given (as plain arrays)
 * and, with `lr`, applies plain gradient descent p ← p − lr·g so a test can see the update land.
 */
import * as tf from '@tensorflow/tfjs';
import type { Optimizer, TrainParam } from '../optim';

export class RecordingOptimizer implements Optimizer {
  readonly numStateTensors = 0;
  readonly grads: Map<string, Float32Array>[] = [];
  constructor(private readonly apply = false) {}

  step(params: readonly TrainParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const rec = new Map<string, Float32Array>();
    for (const p of params) {
      const g = grads.get(p.key);
      if (!g) continue;
      rec.set(p.key, Float32Array.from(g.dataSync() as Float32Array));
      if (this.apply) tf.tidy(() => p.variable.assign(tf.sub(p.variable, tf.mul(g, lr))));
    }
    this.grads.push(rec);
  }

  dispose(): void {}
}
