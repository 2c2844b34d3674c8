/**
 * Training throughput from the steps' own wall times (StepReport.ms: forward, backward, update and
 * the loss read-back). The first step is left out: it compiles the kernels (the warm-up), which
 * is not what a step costs. Framework-free.
 */
import type { StepReport } from '@/lib/train/types';

export interface Throughput {
  /** Mean wall time of a step after the first, ms (null before the second step). */
  readonly msPerStep: number | null;
  readonly imagesPerSecond: number | null;
}

export function throughput(steps: readonly StepReport[], batchSize: number): Throughput {
  const timed = steps.filter((s) => s.step > 0 && Number.isFinite(s.ms) && s.ms > 0);
  if (timed.length === 0) return { msPerStep: null, imagesPerSecond: null };
  const ms = timed.reduce((a, s) => a + s.ms, 0) / timed.length;
  return { msPerStep: ms, imagesPerSecond: (batchSize * 1000) / ms };
}
