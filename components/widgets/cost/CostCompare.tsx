'use client';

/**
 * FLOPs versus time for two models: parameters and MACs from the spec beside the time each model
 * takes on the reader's device, the time share of each op kind, and, per model, the lab's own
 * FLOPs-versus-time view (components/lab/FlopsVsTime) on the same profile. Nothing touches the GPU
 * (tfjs is not even loaded) before the reader presses the button; every tensor is freed after.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { FlopsVsTime } from '@/components/lab/FlopsVsTime';
import { KindColours } from '@/components/lab/KindColours';
import { buildGraph } from '@/lib/arch';
import type { LabHandle } from '@/lib/lab/handle';
import { kindColour, OP_KIND_LABELS } from '@/lib/lab/op-kind';
import type { LabProfile } from '@/lib/lab/profile-stats';
import type { BackendInfo } from '@/lib/runtime/backend';
import { BACKEND_ORDER, type BackendName } from '@/lib/runtime/backend-names';
import { COST_MODELS, COST_SIZES, type CostCompareSchema } from '@/lib/widgets/cost-compare/meta';
import type { CostProgress } from '@/lib/widgets/cost-compare/run';
import { measure, modelLabel, specCost } from '@/lib/widgets/cost-compare/summary';
import type { WidgetProps } from '@/lib/widgets/types';
import { ErrorNote } from '@/components/ui/Alert';
import { backendLabel } from '@/components/ui/BackendNotice';
import { Button } from '@/components/ui/Button';
import { Progress } from '@/components/ui/Progress';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatCount, formatGflops, formatMs, formatPercent, formatSig } from '@/lib/format';
import { RunReport } from '@/components/ui/RunReport';

interface Measured {
  readonly backend: BackendInfo;
  readonly profiles: Map<string, LabProfile>;
  readonly size: number;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

export function CostCompare({ state, onChange }: WidgetProps<CostCompareSchema>) {
  const size = Number(state.size);
  const models: string[] = useMemo(() => (state.model === state.baseline ? [state.model] : [state.model, state.baseline]), [state.model, state.baseline]);
  const specs = useMemo(() => models.map((id) => specCost(id, size)), [models, size]);
  const job = useTfjsJob();
  const { status } = job;
  const [progress, setProgress] = useState<CostProgress | null>(null);
  const [measured, setMeasured] = useState<Measured | null>(null);
  const [tab, setTab] = useState<string>(state.model);

  const runJob = job.run;
  const run = useCallback(async () => {
    setProgress({ model: models[0], index: 0, phase: 'backend', fraction: 0, detail: 'loading TensorFlow.js' });
    const r = await runJob('Measuring', async (ctx) => {
      const { profileModels } = await import('@/lib/widgets/cost-compare/run');
      return profileModels(
        { models, size, repeats: state.repeats, seed: state.seed, backend: state.backend },
        (p) => !ctx.signal.aborted && setProgress(p),
        ctx.signal,
      );
    });
    if (!r) return;
    setMeasured({ backend: r.backend, profiles: new Map(r.profiles), size, tensorsBefore: r.tensorsBefore, tensorsAfter: r.tensorsAfter });
    setTab(models[0]);
  }, [runJob, models, size, state.repeats, state.seed, state.backend]);

  // A measurement belongs to its size and models; other settings show the spec only.
  const current = measured && measured.size === size && models.every((m) => measured.profiles.has(m)) ? measured : null;
  const rows = specs.map((s) => {
    const p = current?.profiles.get(s.id);
    return { spec: s, m: p ? measure(p, s.id) : null };
  });
  const [a, b] = rows;
  const ratio =
    a && b && a.m && b.m
      ? { macs: a.spec.atSize.macs / b.spec.atSize.macs, params: a.spec.at224.params / b.spec.at224.params, time: a.m.wholeMs / b.m.wholeMs }
      : null;
  const running = status.kind === 'running';
  const shownTab = models.includes(tab) ? tab : models[0];

  const handleFor = useCallback(
    (id: string): LabHandle | null => {
      if (!current) return null;
      const backend = current.backend.backend as BackendName;
      return {
        graph: buildGraph(id, { size }),
        backend,
        inputSize: size,
        weights: { kind: 'seeded', seed: state.seed },
        isCurrent: () => true,
        featureMaps: () => Promise.reject(new Error('feature maps are not part of this comparison')),
        evaluate: () => Promise.reject(new Error('test accuracy is not part of this comparison')),
        explain: () => Promise.reject(new Error('explanations are not part of this comparison')),
        profile: async (req = {}) => {
          const { profileModels } = await import('@/lib/widgets/cost-compare/run');
          const r = await profileModels(
            { models: [id], size: req.size ?? size, repeats: req.repeats ?? state.repeats, seed: state.seed, backend },
            (p) => req.onProgress?.(Math.round(p.fraction * 100), 100),
            req.signal ?? undefined,
          );
          return r.profiles.get(id)!;
        },
      };
    },
    [current, size, state.seed, state.repeats],
  );

  return (
    <WidgetFrame
      title={`FLOPs versus time: ${modelLabel(state.model)} against ${modelLabel(state.baseline)}`}
      subtitle="Parameters and multiply–accumulates come from the spec; the milliseconds are measured on your device, with seeded random weights (time does not depend on the values)."
    >
      <KindColours />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Select
          control="model"
          label="Model"
          value={state.model}
          options={COST_MODELS.map((m) => [m, modelLabel(m)] as const)}
          onChange={(model) => onChange({ model })}
          disabled={running}
        />
        <Select
          control="baseline"
          label="Compared with"
          value={state.baseline}
          options={COST_MODELS.map((m) => [m, modelLabel(m)] as const)}
          onChange={(baseline) => onChange({ baseline })}
          disabled={running}
        />
        <Select
          control="size"
          label="Input size"
          value={state.size}
          options={COST_SIZES.map((s) => [s, `${s}×${s}`] as const)}
          onChange={(s) => onChange({ size: s })}
          disabled={running}
        />
        <Select
          control="backend"
          label="Backend"
          value={state.backend}
          options={[['auto', 'Automatic (fastest available)'] as const, ...BACKEND_ORDER.map((x) => [x, backendLabel(x)] as const)]}
          onChange={(backend) => onChange({ backend })}
          disabled={running}
        />
        <Slider
          control="repeats"
          label="Timed passes"
          value={state.repeats}
          min={1}
          max={10}
          onChange={(repeats) => onChange({ repeats })}
          disabled={running}
          hint="after one warm-up pass; the median is reported"
        />
      </div>

      <div className="mt-3 overflow-x-auto">
        <table style={{ display: 'table' }} className="w-full min-w-[520px] border-collapse text-left text-[13px] tabular-nums">
          <caption className="sr-only">Spec costs and measured time per model</caption>
          <thead>
            <tr className="border-b border-slate-200 text-[11px] uppercase tracking-wide text-slate-500 dark:border-slate-700 dark:text-slate-400">
              <th scope="col" className="py-1 pr-2 font-medium">
                Model
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Params
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                MACs at {size}×{size}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                MACs at 224×224
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Measured
              </th>
              <th scope="col" className="py-1 font-medium">
                Achieved
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ spec, m }) => (
              <tr key={spec.id} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1.5 pr-2 font-medium">
                  <a href={`/models/${spec.id}`} className="text-accent-600 underline-offset-2 hover:underline dark:text-accent-300">
                    {modelLabel(spec.id)}
                  </a>
                </th>
                <td className="py-1.5 pr-2" data-testid={`params-${spec.id}`}>
                  {formatCount(spec.at224.params)}
                </td>
                <td className="py-1.5 pr-2" data-testid={`macs-${spec.id}`}>
                  {formatCount(spec.atSize.macs)}
                </td>
                <td className="py-1.5 pr-2">{formatCount(spec.at224.macs)}</td>
                <td className="py-1.5 pr-2" data-testid={`ms-${spec.id}`}>
                  {m ? formatMs(m.wholeMs) : '—'}
                </td>
                <td className="py-1.5">{m ? formatGflops(m.gflops) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={() => void run()} disabled={running}>
          {running ? 'Measuring…' : current ? 'Measure again' : 'Measure both on this device'}
        </Button>
        {!running && !current ? (
          <span className="text-[12px] text-slate-600 dark:text-slate-400">
            Loads TensorFlow.js (about 1.5 MB) and times every layer; at 64×64 this takes seconds to a minute.
          </span>
        ) : null}
      </div>
      {status.kind === 'running' && progress ? (
        <div className="mt-2">
          <Progress
            label="Measuring progress"
            fraction={progress.fraction}
            text={`${modelLabel(progress.model)} (${progress.index + 1} of ${models.length}): ${progress.detail}…`}
          />
        </div>
      ) : null}
      {status.kind === 'error' ? (
        <div className="mt-2">
          <ErrorNote>{`The measurement failed: ${status.message}`}</ErrorNote>
        </div>
      ) : null}

      {current ? (
        <div className="mt-3 space-y-3">
          <RunReport backend={current.backend} tensors={{ before: current.tensorsBefore, after: current.tensorsAfter }} />
          {ratio && a && b ? (
            <p className="rounded-lg bg-slate-50 px-3 py-2 text-[14px] dark:bg-slate-800/60" data-testid="cost-verdict">
              {modelLabel(a.spec.id)} has <strong>{formatSig(ratio.params)}×</strong> the parameters and <strong>{formatSig(ratio.macs)}×</strong> the MACs of{' '}
              {modelLabel(b.spec.id)}, and took <strong>{formatSig(ratio.time)}×</strong> its time here ({backendLabel(current.backend.backend)}, {size}×{size}
              ).
            </p>
          ) : null}
          <div className="space-y-2">
            <p className="text-[12px] font-medium text-slate-700 dark:text-slate-300">Share of the per-layer time, by op kind</p>
            {rows.map(({ spec, m }) =>
              m ? (
                <div key={spec.id}>
                  <p className="text-[12px] text-slate-600 dark:text-slate-400">
                    {modelLabel(spec.id)} · layers with zero MACs (BN, ReLU, concat, pooling, add): {formatPercent(m.zeroMacShare)} of the time
                  </p>
                  <div
                    className="mt-0.5 flex h-4 w-full overflow-hidden rounded"
                    role="img"
                    aria-label={`${modelLabel(spec.id)}: ${m.kinds.map((k) => `${OP_KIND_LABELS[k.kind]} ${formatPercent(k.msShare)}`).join(', ')}`}
                  >
                    {m.kinds.map((k) => (
                      <div
                        key={k.kind}
                        style={{ flexGrow: k.msShare, background: kindColour(k.kind) }}
                        title={`${OP_KIND_LABELS[k.kind]}: ${formatPercent(k.msShare)}`}
                      />
                    ))}
                  </div>
                </div>
              ) : null,
            )}
            <ul className="flex flex-wrap gap-x-3 gap-y-1 text-[11px] text-slate-600 dark:text-slate-400">
              {[...new Set(rows.flatMap((r) => r.m?.kinds.map((k) => k.kind) ?? []))].map((k) => (
                <li key={k} className="inline-flex items-center gap-1">
                  <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: kindColour(k) }} aria-hidden="true" />
                  {OP_KIND_LABELS[k]}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <div role="tablist" aria-label="Per-layer view of" className="flex flex-wrap gap-1">
              {models.map((id) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  aria-selected={shownTab === id}
                  onClick={() => setTab(id)}
                  className={`rounded-t-md border border-b-0 px-3 py-1 text-[13px] ${shownTab === id ? 'border-slate-300 bg-white font-semibold dark:border-slate-600 dark:bg-slate-900' : 'border-transparent text-slate-600 hover:bg-slate-50 dark:text-slate-400 dark:hover:bg-slate-800'}`}
                >
                  {modelLabel(id)}, per layer
                </button>
              ))}
            </div>
            <div role="tabpanel" aria-label={`${modelLabel(shownTab)}, per layer`}>
              {
                <FlopsVsTime
                  key={shownTab}
                  source={handleFor(shownTab)}
                  profile={current.profiles.get(shownTab) ?? null}
                  size={size}
                  sizes={[size]}
                  repeats={state.repeats}
                  onProfile={(p) => setMeasured((old) => (old ? { ...old, profiles: new Map(old.profiles).set(shownTab, p) } : old))}
                  className="rounded-tl-none"
                />
              }
            </div>
          </div>
        </div>
      ) : null}
    </WidgetFrame>
  );
}
