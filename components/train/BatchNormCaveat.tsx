import { Caveat } from '@/components/ui/Alert';
import { formatInt, formatPercent, formatSig, trimZeros } from '@/lib/format';
import { slowBatchNorm } from '@/lib/widgets/train/bn-caveat';
import { modelCost } from '@/lib/widgets/train/schema';
import type { TrainModel } from '@/lib/widgets/train/session';

/**
 * Next to a model's results: why its test accuracy stays near chance while the train accuracy
 * rises, when its BatchNorm momentum (from its graph, lib/widgets/train/bn-caveat.ts) is too slow
 * for the planned steps. Nothing when the running statistics settle within the run.
 */
export function BatchNormCaveat({ model, steps }: { readonly model: Pick<TrainModel, 'id' | 'knobs' | 'label'>; readonly steps: number }) {
  const slow = slowBatchNorm(modelCost(model.id, model.knobs).graph, steps);
  if (!slow) return null;
  const m = trimZeros(formatSig(slow.momentum, 2));
  return (
    <Caveat testId="bn-caveat">
      Test accuracy near chance is expected here, and PyTorch does the same: {model.label}&apos;s BatchNorm momentum is {m}
      {slow.source ? ` (${slow.source})` : ''}, so the running mean and variance that eval mode (the test accuracy) normalises with average over about 1/{m} ≈{' '}
      {formatInt(Math.round(slow.timeConstant))} steps. In {formatInt(steps)} steps they move only {formatPercent(slow.moved, 2)} of the way from their start
      (mean 0, variance 1); the train accuracy uses each batch&apos;s own statistics.
    </Caveat>
  );
}
