/**
 * Why a model's test accuracy can stay near chance while its train accuracy rises: eval mode
 * normalises with BatchNorm's running statistics, which PyTorch updates in train mode as
 * running = (1 − momentum)·running + momentum·batch statistic (torch.nn.BatchNorm2d), an exponential
 * average with a time constant of 1/momentum steps, starting from mean 0 and variance 1. With
 * PyTorch's default momentum (0.1) that is 10 steps; torchvision's MNASNet uses
 * `_BN_MOMENTUM = 1 - 0.9997` (mnasnet.py), about 3,333 steps, so a few hundred steps leave the running
 * statistics almost where they started. Read from the graph's bn ops (never from a model's id or
 * name). Framework-free.
 */
import type { Graph } from '@/lib/arch';
import { MNASNET_BN_MOMENTUM } from '@/lib/arch/mnasnet';

export interface SlowBatchNorm {
  /** The smallest BatchNorm momentum of the graph (the slowest running statistics). */
  readonly momentum: number;
  /** 1 / momentum: the steps the running statistics take to move 1 − 1/e ≈ 63% of the way. */
  readonly timeConstant: number;
  /** The planned steps. */
  readonly steps: number;
  /** 1 − (1 − momentum)^steps: how far the running statistics move towards the batches' in `steps` steps. */
  readonly moved: number;
  /** Where the momentum comes from, when it is a torchvision constant (for the reader to check). */
  readonly source: string | null;
}

/** Momenta whose origin the caveat cites, keyed by the value the specs carry. */
const SOURCES = new Map<number, string>([[MNASNET_BN_MOMENTUM, "torchvision's mnasnet.py: _BN_MOMENTUM = 1 - 0.9997"]]);

/**
 * The graph's slowest BatchNorm, when its time constant (1/momentum) is longer than the planned run:
 * the running statistics then end closer to their initial values (mean 0, variance 1) than to the
 * data's, so the test (eval-mode) accuracy lags far behind the train (batch-statistics) accuracy.
 * Null for a graph without BatchNorm or one whose running statistics settle within the run.
 */
export function slowBatchNorm(graph: Graph, steps: number): SlowBatchNorm | null {
  let momentum = Infinity;
  for (const n of graph.nodes) if (n.op.kind === 'bn' && n.op.momentum < momentum) momentum = n.op.momentum;
  if (!Number.isFinite(momentum) || momentum <= 0) return null;
  const timeConstant = 1 / momentum;
  if (steps >= timeConstant) return null;
  return { momentum, timeConstant, steps, moved: 1 - Math.pow(1 - momentum, steps), source: SOURCES.get(momentum) ?? null };
}
