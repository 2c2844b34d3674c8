/**
 * The optimizers of lib/train, exact to torch.optim (PyTorch 1.13): SGD (momentum, Nesterov,
 * weight decay; dampening 0) and Adam (L2 weight decay; amsgrad off). Element-wise on tf.Variables,
 * so a parameter may be stored in tfjs layout. The lr comes with every step (the schedule's,
 * lib/train/schedule.ts); the config's lr is the base lr the schedule starts from.
 */
import type { OptimizerConfig } from '../types';
import { Adam } from './adam';
import { Sgd } from './sgd';
import type { Optimizer } from './types';

export type { Optimizer, TrainParam } from './types';

export function createOptimizer(cfg: OptimizerConfig): Optimizer {
  switch (cfg.kind) {
    case 'sgd':
      return new Sgd(cfg);
    case 'adam':
      return new Adam(cfg);
  }
}
