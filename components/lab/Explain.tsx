'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { Caveat } from '@/components/ui/Alert';
import { GradientLegend } from '@/components/ui/GradientLegend';
import { Notices } from '@/components/ui/Notices';
import { RunButton } from '@/components/ui/RunButton';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { TensorReadout } from '@/components/ui/TensorReadout';
import type { Dataset } from '@/lib/arch/registry';
import { chosenClass, classNames, explainCaption, randomWeightsNote } from '@/lib/explain/display';
import { HEAT_SCALE_NAME, heatStops } from '@/lib/explain/heatmap';
import { defaultCamLayer, spatialLayers } from '@/lib/explain/layers';
import { EXPLAIN_METHODS, type ExplainMethod, type ExplainResult, METHOD_LABELS, SMOOTHGRAD_NOISE, SMOOTHGRAD_SAMPLES } from '@/lib/explain/request';
import { formatMs, formatPercent, formatSig } from '@/lib/format';
import type { RunResult } from '@/lib/lab/handle';
import type { Notice } from '@/lib/url-state/schema';
import { ClassPicker } from './explain/ClassPicker';
import { HeatOverlay } from './explain/HeatOverlay';
import { weightsLabelText } from './runner-plan';

export interface ExplainSettings {
  /** Grad-CAM's layer; '' = the default (the map the global pool reads). */
  readonly layer: string;
  readonly method: ExplainMethod;
  /** '' = the top-1 class, else a class index. */
  readonly classParam: string;
  readonly opacity: number;
  readonly samples: number;
  readonly noise: number;
}

export interface ExplainProps extends ExplainSettings {
  /** The Runner's latest result (model, weights, input); null before the first run. */
  readonly source: RunResult | null;
  readonly dataset: Dataset;
  readonly onChange: (patch: Partial<ExplainSettings>) => void;
  readonly className?: string;
}

const METHOD_HINTS: Record<ExplainMethod, string> = {
  gradcam: 'Which regions of a layer raise the class score: its channels weighted by their mean gradient (Selvaraju et al. 2017).',
  saliency: 'Which input pixels the class score is most sensitive to: the gradient of the score with respect to the image (Simonyan et al. 2014).',
  smoothgrad: 'The gradient saliency averaged over noisy copies of the image, which removes much of its speckle (Smilkov et al. 2017).',
};

/**
 * The Explain view: Grad-CAM on a chosen layer, gradient saliency or SmoothGrad, for a chosen
 * class of the Runner's last run, overlaid on the input it saw. Every map is one job of the
 * page-wide tfjs queue (lib/lab/session.ts explain()), recomputed when the run or a setting
 * changes; SmoothGrad reports each copy and can be cancelled between them. The tensor count
 * before and after each job is shown, so a leak would be visible.
 */
export function Explain(props: ExplainProps) {
  const { source, dataset, onChange, method, opacity, samples, noise, className } = props;
  const graph = source?.graph ?? null;
  const job = useTfjsJob();
  const [settled, setSettled] = useState<{ source: RunResult; key: string; result: ExplainResult } | null>(null);

  const layers = useMemo(() => (graph ? spatialLayers(graph) : []), [graph]);
  const fallbackLayer = useMemo(() => (graph ? defaultCamLayer(graph) : ''), [graph]);
  const layerKnown = props.layer === '' || layers.some((n) => n.name === props.layer);
  const layer = props.layer !== '' && layerKnown ? props.layer : fallbackLayer;
  const names = useMemo(() => (graph ? classNames(graph, dataset) : []), [graph, dataset]);
  const top1 = source?.top5[0]?.index ?? 0;
  const chosen = chosenClass(props.classParam, names.length, top1);
  const classIndex = chosen.index;

  const notices: Notice[] = [];
  if (graph && !layerKnown)
    notices.push({
      param: 'layer',
      given: props.layer,
      allowed: `a layer of ${graph.id} with a spatial output`,
      message: `"layer" cannot be "${props.layer}": ${graph.id} has no such layer with a spatial output. Using ${fallbackLayer} instead.`,
    });
  if (graph && chosen.notice) notices.push({ param: 'class', given: props.classParam, allowed: `0–${names.length - 1}`, message: chosen.notice });

  const key = JSON.stringify([method, classIndex, method === 'gradcam' ? layer : '', method === 'smoothgrad' ? [samples, noise] : []]);
  const compute = useCallback(() => {
    if (!source) return;
    const label = method === 'smoothgrad' ? `${METHOD_LABELS.smoothgrad}: noisy copies` : `Computing ${METHOD_LABELS[method]}`;
    void job
      .run(label, (ctx) =>
        source.explain({
          method,
          classIndex,
          layer,
          samples,
          noise,
          seed: 0,
          ...ctx.request,
          onProgress: (done, total) => ctx.progress(done, total),
        }),
      )
      .then((result) => result && setSettled({ source, key, result }));
    // job.run is stable; the key holds every setting the request reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, key]);

  // A new run (input, weights, model) or a new setting: compute again.
  useEffect(() => {
    if (source && source.isCurrent()) compute();
  }, [source, compute]);

  const result = settled && settled.source === source && settled.key === key ? settled.result : null;
  const stale = settled && !result ? settled.result : null;
  const shown = result ?? null;
  const node = graph && shown?.layer ? graph.nodes.find((n) => n.name === shown.layer) : undefined;
  const preview = source?.inputPreview ?? null;
  const maxText = shown ? formatSig(shown.map.reduce((m, v) => Math.max(m, v), 0)) : '';

  return (
    <section
      aria-label="Explain the prediction"
      className={`not-prose space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800 ${className ?? ''}`}
      data-testid="explain"
      data-method={method}
      data-ready={shown ? 'true' : 'false'}
    >
      <Notices notices={notices} title="A setting was not used" />
      {!source ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Run the model to explain its prediction.</p>
      ) : (
        <>
          <div className="grid gap-4 text-sm md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]">
            <div className="space-y-3">
              <Select
                label="Method"
                control="method"
                value={method}
                onChange={(m) => onChange({ method: m })}
                options={EXPLAIN_METHODS.map((m) => [m, METHOD_LABELS[m]] as const)}
                hint={METHOD_HINTS[method]}
              />
              {method === 'gradcam' && graph && (
                <Select
                  label="Layer"
                  control="layer"
                  value={props.layer !== '' && layerKnown ? props.layer : ''}
                  onChange={(l) => onChange({ layer: l })}
                  options={[
                    ['', `Last spatial: ${fallbackLayer}`] as const,
                    ...layers.map((n) => [n.name, `${n.name} (${n.outShape[0]}×${n.outShape[1]}×${n.outShape[2]})`] as const),
                  ]}
                  hint="Deeper layers are coarser but more about the class; early ones follow edges."
                />
              )}
              {method === 'smoothgrad' && (
                <>
                  <Slider
                    label="Noisy copies"
                    control="samples"
                    value={samples}
                    min={SMOOTHGRAD_SAMPLES.min}
                    max={SMOOTHGRAD_SAMPLES.max}
                    onChange={(v) => onChange({ samples: v })}
                    hint="One forward and backward pass each; the paper sees sharp maps from about 10–20."
                  />
                  <Slider
                    label="Noise σ"
                    control="noise"
                    value={noise}
                    min={SMOOTHGRAD_NOISE.min}
                    max={SMOOTHGRAD_NOISE.max}
                    step={0.01}
                    format={(v) => `${formatPercent(v, 2)} of the range`}
                    onChange={(v) => onChange({ noise: v })}
                    hint="The paper's best: 10–20 % of the input's range."
                  />
                </>
              )}
              <Slider
                label="Opacity"
                control="opacity"
                value={opacity}
                min={0}
                max={1}
                step={0.05}
                format={(v) => `${Math.round(v * 100)} %`}
                onChange={(v) => onChange({ opacity: v })}
              />
            </div>
            <div className="min-w-0 space-y-3">
              <ClassPicker top5={source.top5} names={names} value={classIndex} onChange={(c) => onChange({ classParam: c === null ? '' : String(c) })} />
              {source.randomWeights && (
                <Caveat testId="explain-random-note">{randomWeightsNote(source.weights.kind === 'seeded' ? source.weights.seed : undefined)}</Caveat>
              )}
              {preview && (shown ?? stale) ? (
                <div className={shown ? '' : 'opacity-60'}>
                  <HeatOverlay
                    image={preview}
                    result={(shown ?? stale) as ExplainResult}
                    opacity={opacity}
                    label={shown ? explainCaption(shown, names[shown.classIndex] ?? '', node?.outShape ?? null, preview.width) : 'The previous map'}
                  />
                </div>
              ) : null}
              {shown && preview && (
                <>
                  <p className="text-xs text-slate-700 dark:text-slate-300" data-testid="explain-caption">
                    {explainCaption(shown, names[shown.classIndex] ?? '', node?.outShape ?? null, preview.width)} Computed in {formatMs(shown.ms)} on{' '}
                    {job.backend?.backend ?? source.backend}; weights: {weightsLabelText(source.weights)}.
                  </p>
                  <GradientLegend
                    ariaLabel={`Colour scale ${HEAT_SCALE_NAME}: 0 to ${maxText}`}
                    stops={heatStops()}
                    ticks={[
                      { offset: 0, label: '0' },
                      { offset: 1, label: shown.method === 'gradcam' ? `${maxText} (max)` : 'p99' },
                    ]}
                    caption={`${HEAT_SCALE_NAME}, perceptually uniform; the map fades out towards 0 so the image shows through.`}
                  />
                </>
              )}
            </div>
          </div>
          <RunButton
            job={job}
            onRun={compute}
            unit={method === 'smoothgrad' ? 'copies' : 'passes'}
            idleText={shown ? undefined : 'The map is computed after each run.'}
            doneText={shown ? `Done: ${METHOD_LABELS[shown.method]} for class ${shown.classIndex}.` : undefined}
            errorText={(m) => `Could not compute the map: ${m}`}
          >
            Compute again
          </RunButton>
          <TensorReadout tensors={job.tensors} testId="explain-tensors" />
        </>
      )}
    </section>
  );
}
