'use client';

import { Suspense, lazy, useMemo, useState } from 'react';
import { Notices } from '@/components/ui/Notices';
import { Select } from '@/components/ui/Select';
import { useUrlState } from '@/lib/url-state/use-url-state';
import { setupRefusal } from '@/lib/widgets/train/knobs';
import { layerFor, modelCost, trainConfigOf, trainModelsOf, trainPageSchema } from '@/lib/widgets/train/schema';
import type { SessionOptions } from '@/lib/widgets/train/session';
import { TrainControls } from './TrainControls';
import { TrainSetup } from './TrainSetup';

// What a training shows, each its own chunk, fetched with the first Train (with tfjs): the page's
// first load is the settings and the controls.
const TrainCurves = lazy(() => import('./TrainCurves').then((m) => ({ default: m.TrainCurves })));
const TrainStats = lazy(() => import('./TrainCurves').then((m) => ({ default: m.TrainStats })));
const ModelDetail = lazy(() => import('./ModelDetail').then((m) => ({ default: m.ModelDetail })));
const Comparison = lazy(() => import('./Comparison').then((m) => ({ default: m.Comparison })));
const BatchNormCaveat = lazy(() => import('./BatchNormCaveat').then((m) => ({ default: m.BatchNormCaveat })));

const loading = <p className="text-[13px] text-slate-600 dark:text-slate-400">Loading…</p>;
import { useTrainSession } from './useTrainSession';

const h2 = 'mb-2 text-xl font-semibold text-slate-900 dark:text-white';

/**
 * The training lab: the settings (all in the URL), one session that trains the chosen digits
 * models one after another, the live curves and numbers, what the model on screen has learnt, its
 * weights to save, and, with several models, the comparison.
 */
export function TrainLab() {
  const [state, urlNotices, update] = useUrlState(trainPageSchema);
  const { config, notices: configNotices } = useMemo(() => trainConfigOf(state), [state]);
  // What each chosen slot trains: a model as registered, or with its knobs (and a notice for any knob not used).
  const { models: chosen, notices: knobNotices } = useMemo(() => trainModelsOf(state.models, state), [state]);
  const api = useTrainSession();
  const snap = api.snapshot;
  const [view, setView] = useState<string | null>(null);

  const models = snap ? snap.models.map((m) => m.key) : state.models;
  const refusal = useMemo(
    () => chosen.map((m) => setupRefusal(m, config.batchSize, state.backend)).find((r) => r !== null) ?? null,
    [chosen, config, state.backend],
  );
  const blocked = state.models.length === 0 ? 'Choose at least one model to train.' : refusal;

  const train = () => {
    if (snap) return api.train({} as SessionOptions); // resume: the session keeps its own options
    const options: SessionOptions = {
      models: chosen,
      config,
      backend: state.backend,
      evalEvery: state.evalEvery,
      layerOf: (m) => layerFor(modelCost(m.id, m.knobs).graph, state.layer),
    };
    api.train(options);
  };

  const current = snap ? snap.models[Math.min(snap.current, snap.models.length - 1)] : null;
  const shown = snap ? (snap.models.find((m) => m.key === view) ?? current) : null;
  const steps = snap?.config.steps ?? config.steps;

  return (
    <div className="space-y-8">
      <Notices notices={[...urlNotices, ...configNotices, ...knobNotices]} />
      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <section aria-labelledby="setup-heading" className="min-w-0 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="setup-heading" className="mb-3 font-semibold text-slate-900 dark:text-white">
            Setup
          </h2>
          <TrainSetup
            params={trainPageSchema}
            state={state}
            onChange={update}
            models={{ multiple: true, value: state.models }}
            locked={snap !== null || api.booting}
          />
        </section>
        <section aria-labelledby="progress-heading" className="min-w-0 space-y-4" data-testid="train-run">
          <h2 id="progress-heading" className={h2}>
            Training
          </h2>
          <TrainControls api={api} onTrain={train} blocked={blocked} requestedBackend={state.backend} />
          {snap && current ? (
            <Suspense fallback={loading}>
              <TrainStats record={current} steps={steps} batchSize={snap.config.batchSize} testSubsetSize={snap.testSubsetSize} />
              <BatchNormCaveat model={current} steps={steps} />
              <TrainCurves records={snap.models} steps={steps} testSubsetSize={snap.testSubsetSize} />
              <p className="text-xs text-slate-600 dark:text-slate-400">
                Train values are each batch&apos;s, before its update, smoothed (exponential moving average, weight 0.8); test points are measured every{' '}
                {state.evalEvery} steps on a fixed, stratified subset of {snap.testSubsetSize} test images (50 of each digit), and each finished model once more
                on the whole test split of 2,000.
              </p>
            </Suspense>
          ) : null}
        </section>
      </div>
      {snap && shown && api.session ? (
        <section aria-labelledby="learnt-heading" className="min-w-0">
          <h2 id="learnt-heading" className={h2}>
            What {shown.label} has learnt
          </h2>
          {models.length > 1 ? (
            <div className="mb-3 max-w-xs">
              <Select label="Model" value={shown.key} options={snap.models.map((m) => [m.key, `${m.label} (${m.status})`] as const)} onChange={setView} />
            </div>
          ) : null}
          <Suspense fallback={loading}>
            <ModelDetail session={api.session} snapshot={snap} record={shown} layer={state.layer} onLayerChange={(layer) => update({ layer })} />
          </Suspense>
        </section>
      ) : null}
      {snap && models.length > 1 ? (
        <section aria-labelledby="compare-heading" className="min-w-0">
          <h2 id="compare-heading" className={h2}>
            Compared on this device
          </h2>
          <Suspense fallback={loading}>
            <Comparison records={snap.models} batchSize={snap.config.batchSize} steps={steps} />
          </Suspense>
        </section>
      ) : null}
    </div>
  );
}
