'use client';

import { useMemo } from 'react';
import { FeatureMaps } from '@/components/lab/FeatureMaps';
import { formatInt } from '@/lib/format';
import type { LabHandle } from '@/lib/lab/handle';
import { digitPixels } from '@/lib/widgets/train/subset';
import { layerFor, modelCost } from '@/lib/widgets/train/schema';
import type { ModelRecord, SessionSnapshot, TrainSession } from '@/lib/widgets/train/session';
import { ConfusionMatrix } from './ConfusionMatrix';
import { Misclassified } from './Misclassified';
import { FeatureDigitPicker } from './FeatureDigitPicker';
import { SaveWeights } from './SaveWeights';

export interface ModelDetailProps {
  readonly session: TrainSession;
  readonly snapshot: SessionSnapshot;
  readonly record: ModelRecord;
  readonly layer: string;
  readonly onLayerChange: (layer: string) => void;
  /** Compact (the embed): no feature maps. */
  readonly compact?: boolean;
}

/**
 * What one model has learnt so far: the feature maps of a fixed test digit (refreshed at every
 * evaluation, through the same fused inference path as the lab), the confusion matrix and the
 * misclassified digits of the last evaluation, and the weights to save.
 */
export function ModelDetail({ session, snapshot, record, layer, onLayerChange, compact }: ModelDetailProps) {
  const { graph } = modelCost(record.id, record.knobs);
  const shown = layerFor(graph, layer);
  const fm = record.featureMap;
  const backend = snapshot.backend?.backend;
  // A new handle for every read, so FeatureMaps asks again: the filters changed.
  const handle = useMemo<LabHandle | null>(
    () =>
      fm && backend
        ? {
            graph,
            backend,
            inputSize: graph.input[1],
            weights: { kind: 'file', name: `trained for ${fm.step} steps` },
            isCurrent: () => true,
            featureMaps: (l) => session.featureMapFor(record.key, l),
            profile: () => Promise.reject(new Error('profiles are made in the model lab')),
            evaluate: () => Promise.reject(new Error('the training lab evaluates on its own schedule')),
            explain: () => Promise.reject(new Error('explanations are made in the model lab')),
          }
        : null,
    // The digit's version is a key, not a value read: another digit must ask FeatureMaps to read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fm, backend, graph, session, record.key, snapshot.featureDigit.version],
  );
  const digit = useMemo(() => (snapshot.sets ? digitPixels(snapshot.sets.digit, 0) : null), [snapshot.sets]);
  const fd = snapshot.featureDigit;
  const ev = record.lastEval;
  const what = ev ? `${ev.full ? `the whole test split (${formatInt(ev.n)} images)` : `the ${ev.n}-image test subset`} after ${ev.step} steps` : '';
  const evalImages = ev && snapshot.sets ? (ev.full ? snapshot.sets.test : snapshot.sets.subset) : null;
  return (
    <div className="space-y-4" data-testid="model-detail" data-model={record.key}>
      {!compact ? (
        <div>
          <p className="mb-1 text-[13px] text-slate-700 dark:text-slate-300">
            Feature maps of {fd.kind === 'drawn' ? 'your drawing' : `test digit ${fd.index}${fd.label >= 0 ? ` (a ${fd.label})` : ''}`}
            {fm ? `, after ${fm.step} steps` : ''}: they change as the filters learn.
          </p>
          <FeatureMaps source={handle} layer={shown} onLayerChange={onLayerChange} inputImage={digit} perPage={16} />
          <div className="mt-3">
            <FeatureDigitPicker session={session} current={fd} />
          </div>
        </div>
      ) : null}
      {ev && evalImages ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <ConfusionMatrix confusion={ev.confusion} what={what} />
          <Misclassified images={evalImages} predictions={ev.predictions} what={what} limit={compact ? 12 : 24} />
        </div>
      ) : (
        <p className="text-[13px] text-slate-600 dark:text-slate-400">The confusion matrix and the misclassified digits appear after the first evaluation.</p>
      )}
      <SaveWeights session={session} record={record} />
    </div>
  );
}
