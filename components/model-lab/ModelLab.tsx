'use client';

import Link from 'next/link';
import { lazy, useMemo, useState } from 'react';
import { SharePanel } from '@/components/embed/SharePanel';
import type { RunResult } from '@/lib/lab/handle';
import type { LabProfile } from '@/lib/lab/profile-stats';
import type { ExplainMethod } from '@/lib/explain/request';
import { isBackendName } from '@/lib/runtime/backend-names';
import { Notices } from '@/components/ui/Notices';
import { setExpanded, toggleExpanded } from '@/lib/graph/expand';
import type { ColorMode } from '@/lib/graph/metrics';
import { labGraph, type LabGraph } from '@/lib/models/lab-graph';
import { getModel } from '@/lib/arch';
import { DIGITS_PROFILE_SIZES, PROFILE_SIZES, knobParamNames, labKnobQuery, labSchema, type LabState } from '@/lib/models/lab-schema';
import { formatValue } from '@/lib/url-state/schema';
import { useUrlState } from '@/lib/url-state/use-url-state';
import type { WidgetDefinition } from '@/lib/widgets/definition';
import { LAB_DEFINITIONS as LAB } from '@/lib/widgets/lab-definitions';
import { fitsRegisteredModel, shippedFor, type UrlWeightSource } from '@/lib/weights/sources';
import { KnobsPanel } from './KnobsPanel';
import { LayerTable } from './LayerTable';
import { Totals } from './Totals';
import { TrainedNotice } from './TrainedNotice';
import { useTrainedWeights } from './useTrainedWeights';
import { WhenNeeded } from './WhenNeeded';
import { useCellSelection } from '@/components/lab/useCellSelection';

// Each its own chunk, fetched when needed (WhenNeeded): the lab's first load is the knobs, the
// totals and the layer table. The graph is hidden on phones, so phones never fetch it unless idle.
const ArchitectureGraph = lazy(() => import('@/components/graph/ArchitectureGraph').then((m) => ({ default: m.ArchitectureGraph })));
const Runner = lazy(() => import('@/components/lab/Runner').then((m) => ({ default: m.Runner })));
const FeatureMaps = lazy(() => import('@/components/lab/FeatureMaps').then((m) => ({ default: m.FeatureMaps })));
const Explain = lazy(() => import('@/components/lab/Explain').then((m) => ({ default: m.Explain })));
const TestAccuracy = lazy(() => import('@/components/lab/TestAccuracy').then((m) => ({ default: m.TestAccuracy })));
const FlopsVsTime = lazy(() => import('@/components/lab/FlopsVsTime').then((m) => ({ default: m.FlopsVsTime })));

/**
 * The model lab. Its whole state lives in the URL (model knobs, input size, selected layer,
 * expanded groups, colour mode, backend, sample, seed), so any view can be shared by its link.
 * Graph, table and charts all read the same spec and the same run, so they always agree.
 */
export function ModelLab({ id }: { id: string }) {
  // Which input the model takes: photos (ImageNet, CIFAR) or test digits (lib/data/digits).
  const dataset = getModel(id).dataset;
  const digits = dataset === 'digits';
  const schema = useMemo(() => labSchema(id), [id]);
  const names = useMemo(() => knobParamNames(id), [id]);
  const [rawState, notices, updateRaw] = useUrlState(schema);
  const state = rawState as LabState;
  // Family knobs are only known at run time (per model), so patches are checked by the schema.
  type Raw = typeof rawState;
  const update = (patch: Record<string, unknown> | ((prev: LabState) => Record<string, unknown>)) =>
    updateRaw((typeof patch === 'function' ? (prev: Raw) => patch(prev as LabState) : patch) as Partial<Raw>);
  const openSet = (prev: LabState) => new Set(prev.open.split(',').filter(Boolean));
  const expanded = useMemo(() => new Set(state.open.split(',').filter(Boolean)), [state.open]);

  // The network depends on the knobs and the size only: the same Graph object across changes of
  // input, seed, weights or view, so the runner keeps its model (it rebuilds for a new graph).
  const graphKey = JSON.stringify([id, state.size, ...names.map((n) => state[n])]);
  const [builtFor, setBuiltFor] = useState<{ key: string; built: LabGraph } | null>(null);
  const built = builtFor?.key === graphKey ? builtFor.built : labGraph(id, state);
  if (builtFor?.key !== graphKey) setBuiltFor({ key: graphKey, built });
  // Keep showing the last valid network while the knobs describe an impossible one.
  // (React's "storing information from previous renders" pattern: set state during render.)
  const [lastGood, setLastGood] = useState<Extract<LabGraph, { ok: true }> | null>(built.ok ? built : null);
  if (built.ok && lastGood !== built) setLastGood(built);
  const current = built.ok ? built : (lastGood ?? labGraph(id, { ...state, ...defaults(schema) }));
  if (!current.ok) throw new Error(`the default ${id} failed to build: ${current.error}`);
  const { graph, cost } = current;
  const [result, setResult] = useState<RunResult | null>(null);
  const [profile, setProfile] = useState<LabProfile | null>(null);
  // Measured times colour the graph and fill the table, for the network they were measured on.
  const times = useMemo(
    () => (profile && profile.graphId === graph.id ? new Map(profile.rows.filter((r) => Number.isFinite(r.ms)).map((r) => [r.name, r.ms])) : null),
    [profile, graph.id],
  );
  // BN and activations folded into a conv have no time of their own: they are part of its step.
  const fusedInto = useMemo(
    () => (profile && profile.graphId === graph.id ? new Map(profile.rows.flatMap((r) => r.nodes.slice(1).map((n) => [n, r.name] as const))) : null),
    [profile, graph.id],
  );
  const backend = state.backend === 'auto' || isBackendName(state.backend) ? state.backend : 'auto';
  // The network the knobs describe, in the form /train records with trained weights: they load only into the same one.
  const knobQuery = useMemo(() => labKnobQuery(id, Object.fromEntries(names.map((n) => [n, state[n]]))), [id, names, state]);
  const trained = useTrainedWeights(state.trained, id, knobQuery);
  // Whether the model's shipped trained weights fit this network (not once knobs changed it).
  const shippedFits = useMemo(() => shippedFor(id, { registeredShape: fitsRegisteredModel(graph, id) }) !== null, [graph, id]);
  const selected = state.layer && (graph.nodes.some((n) => n.name === state.layer) || graph.groups.some((g) => g.id === state.layer)) ? state.layer : null;
  // Another layer: the cell picked in the feature maps belonged to the old one.
  const selectLayer = (layer: string) => update((prev) => (prev.layer === layer ? {} : { layer, channel: '', cell: '' }));
  const cellSel = useCellSelection(graph, selected, state.channel, state.cell, update);
  // Embeds of the lab's parts show the model with the paper's knobs: say so when these differ.
  const knobsChanged = names.some((n) => formatValue(schema[n], state[n]) !== formatValue(schema[n], schema[n].default));
  const shareNote = knobsChanged ? `The embed shows ${id} with the paper's settings: knob changes made here are not part of embed links.` : undefined;
  const share = (def: WidgetDefinition, widgetState: Record<string, unknown>) => (
    <SharePanel meta={def.meta} height={def.height} state={{ model: id, ...widgetState }} note={shareNote} className="mt-3" />
  );

  return (
    <div className="space-y-6">
      <Notices notices={notices} />
      <TrainedNotice state={trained} modelId={id} instead={shippedFits ? 'its trained weights shipped with the site' : 'random weights'} />
      <Totals graph={graph} total={cost.total} />
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <KnobsPanel
          schema={schema}
          names={['size', ...names]}
          state={state}
          error={built.ok ? null : built.error}
          onChange={update}
          onReset={() =>
            update({
              ...defaults(schema),
              layer: state.layer,
              color: state.color,
              backend: state.backend,
              sample: state.sample,
              trained: state.trained,
              weights: state.weights,
              ...(digits ? { digit: state.digit } : {}),
            })
          }
        />
        <section aria-labelledby="graph-heading" className="hidden min-w-0 md:block">
          <h2 id="graph-heading" className="mb-2 font-semibold text-slate-900 dark:text-white">
            Architecture
          </h2>
          <WhenNeeded minHeight={560} label="architecture graph">
            <ArchitectureGraph
              graph={graph}
              expanded={expanded}
              onToggle={(g) => update((prev) => ({ open: [...toggleExpanded(openSet(prev), g)].join(',') }))}
              onSetExpanded={(ids, open) => update((prev) => ({ open: [...setExpanded(openSet(prev), ids, open)].join(',') }))}
              colorBy={state.color as ColorMode}
              onColorByChange={(color) => update({ color })}
              times={times ?? undefined}
              selected={selected}
              onSelect={selectLayer}
              height={560}
            />
          </WhenNeeded>
          {share(LAB['lab-graph'], { size: state.size, open: state.open, layer: state.layer, color: state.color })}
        </section>
      </div>
      <section aria-labelledby="layers-heading" className="min-w-0">
        <h2 id="layers-heading" className="mb-2 font-semibold text-slate-900 dark:text-white">
          Layers
        </h2>
        <LayerTable graph={graph} perNode={cost.perNode} times={times} fusedInto={fusedInto} selected={selected} onSelect={selectLayer} />
      </section>
      <section aria-labelledby="run-heading" className="min-w-0">
        <h2 id="run-heading" className="mb-2 text-xl font-semibold text-slate-900 dark:text-white">
          Run it in your browser
        </h2>
        <WhenNeeded minHeight={480} label="runner">
          <Runner
            graph={graph}
            modelId={id}
            weightSource={state.weights as UrlWeightSource}
            onWeightSourceChange={(weights) => update({ weights })}
            dataset={dataset}
            backend={backend}
            sample={state.sample}
            seed={state.seed}
            digit={state.digit}
            onDigitChange={digits ? (digit) => update({ digit }) : undefined}
            initialWeights={trained.kind === 'ready' ? trained.weights : null}
            onSampleChange={(sample) => update({ sample })}
            onSeedChange={(seed) => update({ seed })}
            onRun={setResult}
            onInvalidate={() => setResult(null)}
          />
        </WhenNeeded>
        {share(LAB['lab-runner'], { backend: state.backend, sample: state.sample, digit: state.digit, seed: state.seed })}
      </section>
      {/* Not a section: TestAccuracy is a labelled region itself, of the same name (axe: landmark-unique). */}
      {digits && (
        <div className="min-w-0">
          <h2 id="accuracy-heading" className="mb-2 text-xl font-semibold text-slate-900 dark:text-white">
            Test accuracy
          </h2>
          <WhenNeeded minHeight={160} label="test accuracy">
            <TestAccuracy source={result} model={id} />
          </WhenNeeded>
        </div>
      )}
      {/* Not a section: FeatureMaps and FlopsVsTime are labelled regions themselves, of the same names (axe: landmark-unique). */}
      <div className="min-w-0">
        <h2 id="maps-heading" className="mb-2 text-xl font-semibold text-slate-900 dark:text-white">
          Feature maps
        </h2>
        {digits ? (
          <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
            The same digit through all five digits models, trained, row by row:{' '}
            <Link href={`/models/compare-digits?digit=${state.digit ?? 0}`} className="text-link" data-testid="compare-digits-link">
              what each architecture learned
            </Link>
            .
          </p>
        ) : null}
        <Notices notices={cellSel.notices} title="The cell in the link was not used" />
        <WhenNeeded minHeight={420} label="feature maps">
          <FeatureMaps
            source={result}
            layer={selected}
            onLayerChange={selectLayer}
            channel={cellSel.channel}
            onChannelChange={cellSel.onChannelChange}
            unit={cellSel.unit}
            onUnitChange={cellSel.onUnitChange}
          />
        </WhenNeeded>
        {share(LAB['lab-feature-maps'], {
          layer: selected && graph.nodes.some((n) => n.name === selected) ? selected : '',
          channel: state.channel,
          cell: state.cell,
          sample: state.sample,
          digit: state.digit,
          seed: state.seed,
          backend: state.backend,
        })}
      </div>
      {/* Not a section: Explain is a labelled region itself. */}
      <div className="min-w-0">
        <h2 id="explain-heading" className="mb-2 text-xl font-semibold text-slate-900 dark:text-white">
          Explain the prediction
        </h2>
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
          Where in the image the network finds its answer: Grad-CAM on any layer, gradient saliency and SmoothGrad, for any class, computed here from the
          network&rsquo;s own gradients.
        </p>
        <WhenNeeded minHeight={420} label="explanations">
          <Explain
            source={result}
            dataset={dataset}
            layer={String(state.cam)}
            method={state.method as ExplainMethod}
            classParam={String(state.class)}
            opacity={Number(state.opacity)}
            samples={Number(state.samples)}
            noise={Number(state.noise)}
            onChange={({ layer, classParam, ...rest }) =>
              update({ ...rest, ...(layer !== undefined ? { cam: layer } : {}), ...(classParam !== undefined ? { class: classParam } : {}) })
            }
          />
        </WhenNeeded>
        {share(LAB['lab-explain'], {
          layer: state.cam,
          method: state.method,
          class: state.class,
          opacity: state.opacity,
          samples: state.samples,
          noise: state.noise,
          sample: state.sample,
          digit: state.digit,
          seed: state.seed,
          backend: state.backend,
        })}
      </div>
      <div className="min-w-0">
        <h2 id="cost-heading" className="mb-2 text-xl font-semibold text-slate-900 dark:text-white">
          FLOPs versus time
        </h2>
        <WhenNeeded minHeight={520} label="FLOPs-versus-time chart">
          <FlopsVsTime
            source={result}
            size={Number(state.psize)}
            onSizeChange={(size) => update({ psize: String(size) })}
            sizes={(digits ? DIGITS_PROFILE_SIZES : PROFILE_SIZES).map(Number)}
            onProfile={setProfile}
            highlight={selected}
            onHighlight={(layer) => layer && selectLayer(layer)}
          />
        </WhenNeeded>
        {share(LAB['lab-flops-vs-time'], { psize: state.psize, backend: state.backend, seed: state.seed })}
      </div>
    </div>
  );
}

function defaults(schema: ReturnType<typeof labSchema>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).map(([k, p]) => [k, p.default]));
}
