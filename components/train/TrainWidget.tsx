'use client';

import { useMemo } from 'react';
import { Notices } from '@/components/ui/Notices';
import { Select } from '@/components/ui/Select';
import type { WidgetProps } from '@/lib/widgets/types';
import type { TrainWidgetSchema } from '@/lib/widgets/train/meta';
import { setupRefusal, slotModelOf } from '@/lib/widgets/train/knobs';
import { DIGITS_MODELS, layerFor, modelCost, trainConfigOf, trainWidgetSchema } from '@/lib/widgets/train/schema';
import { BatchNormCaveat } from './BatchNormCaveat';
import { ModelKnobs } from './ModelKnobs';
import { ModelDetail } from './ModelDetail';
import { TrainControls } from './TrainControls';
import { TrainCurves, TrainStats } from './TrainCurves';
import { TrainSetup } from './TrainSetup';
import { useTrainSession } from './useTrainSession';
import { formatMacs, formatParams } from '@/lib/format';

/** The settings the compact widget shows at once; the others are under "More settings". */
const QUICK = ['opt', 'lr', 'batch', 'steps'];

/**
 * The `train` embed: one digits model, trained here with the settings of its URL: controls, live
 * curves and numbers, the confusion matrix and misclassified digits, and the weights to download.
 * It waits for Train (nothing heavy starts by itself) and stays mounted when scrolled away.
 */
export function TrainWidget({ state, onChange }: WidgetProps<TrainWidgetSchema>) {
  const { config, notices } = useMemo(() => trainConfigOf(state), [state]);
  // The model with the knobs of its URL (named as on /train: `densenet_digits.k=24`).
  const { model, notices: knobNotices } = useMemo(() => slotModelOf(state.model, state), [state]);
  const refusal = useMemo(() => setupRefusal(model, config.batchSize, state.backend), [model, config, state.backend]);
  const api = useTrainSession();
  const snap = api.snapshot;
  const locked = snap !== null || api.booting;
  const record = snap?.models[0] ?? null;
  const cost = modelCost(model.id, model.knobs);
  const quickParams = Object.fromEntries(QUICK.map((k) => [k, trainWidgetSchema[k as keyof typeof trainWidgetSchema]]));

  const train = () =>
    api.train({
      models: [model],
      config,
      backend: state.backend,
      evalEvery: state.evalEvery,
      layerOf: (m) => layerFor(modelCost(m.id, m.knobs).graph, state.layer),
    });

  return (
    <div className="space-y-4" data-testid="train-widget">
      <Notices notices={[...notices, ...knobNotices]} title="Some training settings were not used" />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48" data-control="model">
          <Select
            label="Model"
            value={state.model}
            disabled={locked}
            options={DIGITS_MODELS.map((id) => [id, id] as const)}
            onChange={(model) => onChange({ model })}
            hint={`${model.variant ? `${model.variant}, ` : ''}${formatParams(cost.params)} · ${formatMacs(cost.macs)}`}
          />
        </div>
      </div>
      <fieldset disabled={locked} className="min-w-0" data-control="knobs">
        <legend className="sr-only">Architecture knobs</legend>
        <ModelKnobs key={state.model} slot={state.model} state={state} onChange={onChange} />
      </fieldset>
      <TrainSetup params={quickParams} state={state} onChange={onChange} models={{ multiple: false, value: state.model }} locked={locked} backend={false} />
      <details className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
        <summary className="cursor-pointer font-medium">More settings</summary>
        <div className="mt-2">
          <TrainSetup
            params={trainWidgetSchema}
            state={state}
            onChange={onChange}
            models={{ multiple: false, value: state.model }}
            locked={locked}
            omit={QUICK}
          />
        </div>
      </details>
      <TrainControls api={api} onTrain={train} blocked={refusal} requestedBackend={state.backend} />
      {snap && record && api.session ? (
        <>
          <TrainStats record={record} steps={snap.config.steps} batchSize={snap.config.batchSize} testSubsetSize={snap.testSubsetSize} />
          <BatchNormCaveat model={record} steps={snap.config.steps} />
          <TrainCurves records={snap.models} steps={snap.config.steps} testSubsetSize={snap.testSubsetSize} />
          <ModelDetail session={api.session} snapshot={snap} record={record} layer={state.layer} onLayerChange={(layer) => onChange({ layer })} compact />
        </>
      ) : null}
    </div>
  );
}
