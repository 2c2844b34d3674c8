/**
 * What SGD and Adam share: per-parameter state tensors owned by the optimizer (as torch.optim's
 * `self.state[p]`, created lazily on a parameter's first step), the checks on each step's inputs,
 * and the tidy scope that keeps every intermediate of an update from outliving the step.
 */
import * as tf from '@tensorflow/tfjs';
import type { Optimizer, TrainParam } from './types';

export abstract class StatefulOptimizer<S extends Record<string, unknown>> implements Optimizer {
  protected readonly state = new Map<string, S>();
  private disposed = false;

  /** Update one parameter in place; runs inside tf.tidy, so only assigned values survive. */
  protected abstract update(p: TrainParam, grad: tf.Tensor, lr: number): void;
  /** The tensors of one parameter's state. */
  protected abstract tensorsOf(s: S): tf.Variable[];

  get numStateTensors(): number {
    let n = 0;
    for (const s of this.state.values()) n += this.tensorsOf(s).length;
    return n;
  }

  step(params: readonly TrainParam[], grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    if (this.disposed) throw new Error('optimizer used after dispose()');
    if (!(Number.isFinite(lr) && lr >= 0)) throw new RangeError(`learning rate must be a finite number ≥ 0, got ${lr}`);
    for (const p of params) {
      const g = grads.get(p.key);
      if (!g) continue;
      const shape = p.variable.shape;
      if (g.shape.length !== shape.length || g.shape.some((d, i) => d !== shape[i]))
        throw new Error(`gradient of "${p.key}" has shape [${g.shape.join(', ')}], its parameter [${shape.join(', ')}]`);
      if (g.dtype !== 'float32') throw new Error(`gradient of "${p.key}" is ${g.dtype}, not float32`);
      tf.tidy(() => this.update(p, g, lr));
    }
  }

  /** A state tensor: a non-trainable variable holding `init` (which the caller may dispose). */
  protected newState(init: tf.Tensor): tf.Variable {
    return tf.variable(init, false);
  }

  dispose(): void {
    for (const s of this.state.values()) for (const t of this.tensorsOf(s)) t.dispose();
    this.state.clear();
    this.disposed = true;
  }
}
