/**
 * torch.optim.SGD with dampening 0, PyTorch 1.13 (torch/optim/sgd.py, `_single_tensor_sgd`, the
 * default path: foreach=None → False):
 *
 *     d_p = grad + weight_decay · param                 (d_p.add(param, alpha=weight_decay))
 *     if momentum ≠ 0:
 *         buf = d_p                    on the first step (torch.clone(d_p)), else
 *         buf = momentum · buf + d_p   (buf.mul_(momentum).add_(d_p, alpha=1 − dampening))
 *         d_p = d_p + momentum · buf   if nesterov, else d_p = buf
 *     param = param − lr · d_p          (param.add_(d_p, alpha=-lr))
 *
 * Note the first momentum step: buf starts as d_p itself, not as (1 − dampening) · d_p or 0.
 */
import type * as tf from '@tensorflow/tfjs';
import { StatefulOptimizer } from './state';
import type { TrainParam } from './types';

export interface SgdOptions {
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

type SgdState = { buf: tf.Variable };

export class Sgd extends StatefulOptimizer<SgdState> {
  constructor(private readonly o: SgdOptions) {
    super();
    // torch.optim.SGD's own checks (sgd.py __init__).
    if (!(o.momentum >= 0)) throw new RangeError(`Invalid momentum value: ${o.momentum}`);
    if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${o.weightDecay}`);
    if (o.nesterov && o.momentum <= 0) throw new RangeError('Nesterov momentum requires a momentum and zero dampening');
  }

  protected tensorsOf(s: SgdState): tf.Variable[] {
    return [s.buf];
  }

  protected update(p: TrainParam, grad: tf.Tensor, lr: number): void {
    const { momentum, nesterov, weightDecay } = this.o;
    const w = p.variable;
    let d = weightDecay !== 0 ? grad.add(w.mul(weightDecay)) : grad;
    if (momentum !== 0) {
      const s = this.state.get(p.key);
      let buf: tf.Tensor;
      if (!s) {
        buf = this.newState(d);
        this.state.set(p.key, { buf: buf as tf.Variable });
      } else {
        s.buf.assign(s.buf.mul(momentum).add(d));
        buf = s.buf;
      }
      d = nesterov ? d.add(buf.mul(momentum)) : buf;
    }
    w.assign(w.sub(d.mul(lr)));
  }
}
