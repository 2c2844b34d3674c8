/**
 * torch.optim.Adam, PyTorch 1.13 (torch/optim/adam.py, `_single_tensor_adam`, the default path:
 * foreach=None → False, capturable off, amsgrad off). weight_decay is L2 added to the gradient
 * (Adam), not decoupled (AdamW). Per parameter, with its own step count t (1 on its first step):
 *
 *     g = grad + weight_decay · param                     (grad.add(param, alpha=weight_decay))
 *     m = beta1 · m + (1 − beta1) · g                     (exp_avg.mul_(beta1).add_(g, alpha=1 − beta1))
 *     v = beta2 · v + (1 − beta2) · g · g                 (exp_avg_sq.mul_(beta2).addcmul_(g, g, value=1 − beta2))
 *     bias_correction1 = 1 − beta1^t, bias_correction2 = 1 − beta2^t   (float64 on the host)
 *     step_size = lr / bias_correction1
 *     denom = sqrt(v) / sqrt(bias_correction2) + eps      ((exp_avg_sq.sqrt() / bc2_sqrt).add_(eps))
 *     param = param − step_size · m / denom               (param.addcdiv_(m, denom, value=-step_size))
 *
 * m and v start at zero (torch.zeros_like) on a parameter's first step.
 */
import * as tf from '@tensorflow/tfjs';
import { StatefulOptimizer } from './state';
import type { TrainParam } from './types';

export interface AdamOptions {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
}

type AdamState = { m: tf.Variable; v: tf.Variable; t: number };

export class Adam extends StatefulOptimizer<AdamState> {
  constructor(private readonly o: AdamOptions) {
    super();
    // torch.optim.Adam's own checks (adam.py __init__).
    if (!(o.eps >= 0)) throw new RangeError(`Invalid epsilon value: ${o.eps}`);
    if (!(o.beta1 >= 0 && o.beta1 < 1)) throw new RangeError(`Invalid beta parameter at index 0: ${o.beta1}`);
    if (!(o.beta2 >= 0 && o.beta2 < 1)) throw new RangeError(`Invalid beta parameter at index 1: ${o.beta2}`);
    if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${o.weightDecay}`);
  }

  protected tensorsOf(s: AdamState): tf.Variable[] {
    return [s.m, s.v];
  }

  protected update(p: TrainParam, grad: tf.Tensor, lr: number): void {
    const { beta1, beta2, eps, weightDecay } = this.o;
    const w = p.variable;
    let s = this.state.get(p.key);
    if (!s) {
      s = { m: this.newState(tf.zerosLike(w)), v: this.newState(tf.zerosLike(w)), t: 0 };
      this.state.set(p.key, s);
    }
    s.t += 1;
    const g = weightDecay !== 0 ? grad.add(w.mul(weightDecay)) : grad;
    s.m.assign(s.m.mul(beta1).add(g.mul(1 - beta1)));
    s.v.assign(s.v.mul(beta2).add(g.mul(1 - beta2).mul(g)));
    const bias1 = 1 - beta1 ** s.t;
    const bias2 = 1 - beta2 ** s.t;
    const stepSize = lr / bias1;
    const denom = s.v.sqrt().div(Math.sqrt(bias2)).add(eps);
    w.assign(w.add(s.m.mul(-stepSize).div(denom)));
  }
}
