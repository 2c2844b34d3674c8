'use client';

/**
 * The inverted residual (MBConv), stage by stage: the spec's block (lib/widgets/inverted-residual/
 * stages.ts) run in TensorFlow.js on a tiny tensor (run.ts), its tensors drawn to scale
 * (MBConvDiagram), each stage's real output as heat maps, and the MACs per stage from the cost
 * model, beside the same kind of layer in torchvision's mnasnet1_0. The shared stepper
 * (components/hooks/useStepper.ts) steps and plays it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStepper } from '@/components/hooks/useStepper';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { ErrorNote } from '@/components/ui/Alert';
import { Select } from '@/components/ui/Select';
import { ParamSlider } from '@/components/ui/Slider';
import { StepperControls } from '@/components/ui/StepperControls';
import { hintClass } from '@/components/ui/styles';
import { TensorReadout } from '@/components/ui/TensorReadout';
import { buildGraph } from '@/lib/arch';
import { formatCount, formatMacs, formatPercent } from '@/lib/format';
import type { MapLike } from '@/lib/lab/featuremap-display';
import { MBCONV_EXPANSIONS, MBCONV_KERNELS, MBCONV_STRIDES, invertedResidualSchema, type InvertedResidualSchema } from '@/lib/widgets/inverted-residual/meta';
import type { MBConvResult } from '@/lib/widgets/inverted-residual/run';
import { STAGE_NAMES, findMBConv, hasResidual, macShares, mbconvGraph, stagesOf, stageWidths, type Stage } from '@/lib/widgets/inverted-residual/stages';
import type { WidgetProps } from '@/lib/widgets/types';
import { MapTile } from '@/components/widgets/densenet/MapTile';
import { MBConvDiagram } from './MBConvDiagram';

/** The torchvision network whose layers the toy is compared with (MnasNet-B1). */
const REAL_MODEL = 'mnasnet1_0';

function Tiles({ map, name, testId }: { map: MapLike; name: string; testId?: string }) {
  const [, c, h, w] = map.shape;
  return (
    <div className="mt-1 flex flex-wrap gap-0.5" data-testid={testId} data-channels={c} data-size={`${h}x${w}`}>
      {Array.from({ length: c }, (_, i) => (
        <MapTile key={i} map={map} channel={i} size={22} label={`${name}, channel ${i + 1} of ${c}`} />
      ))}
    </div>
  );
}

function MacsTable({ stages, step }: { stages: readonly Stage[]; step: number }) {
  const shares = macShares(stages);
  const total = stages.reduce((a, s) => a + s.macs, 0);
  return (
    <ul
      className="mt-2 space-y-1 text-[12px] text-slate-800 dark:text-slate-200"
      aria-label="Multiply-adds per stage, from the cost model"
      data-testid="mbconv-macs"
    >
      {stages.map((s, i) => (
        <li
          key={s.kind}
          className="grid grid-cols-[7.5rem_1fr_auto] items-center gap-2"
          data-stage={s.kind}
          data-macs={s.macs}
          data-reached={i < step ? 'true' : 'false'}
        >
          <span>{STAGE_NAMES[s.kind]}</span>
          <span className="h-2 overflow-hidden rounded-sm bg-slate-200 dark:bg-slate-700" aria-hidden="true">
            {/* A stage not reached yet has a paler bar; its text keeps full contrast. */}
            <span
              className={`block h-full ${i < step ? 'bg-slate-600 dark:bg-slate-300' : 'bg-slate-400 dark:bg-slate-500'}`}
              style={{ width: `${(shares[i] * 100).toFixed(1)}%` }}
            />
          </span>
          <span className="font-mono tabular-nums">
            {s.macs > 0 ? `${formatMacs(s.macs)} (${formatPercent(shares[i])})` : `0 MACs, ${formatCount(s.otherOps)} adds`}
          </span>
        </li>
      ))}
      <li className="grid grid-cols-[7.5rem_1fr_auto] gap-2 border-t border-slate-200 pt-1 dark:border-slate-700">
        <span>Block</span>
        <span />
        <span className="font-mono tabular-nums" data-testid="mbconv-total" data-macs={total}>
          {formatMacs(total)}
        </span>
      </li>
    </ul>
  );
}

export function InvertedResidual({ state, onChange }: WidgetProps<InvertedResidualSchema>) {
  const knobs = useMemo(
    () => ({ cin: state.cin, cout: state.cout, t: Number(state.t), kernel: Number(state.kernel), stride: Number(state.stride), size: state.size }),
    [state.cin, state.cout, state.t, state.kernel, state.stride, state.size],
  );
  const stages = useMemo(() => stagesOf(mbconvGraph(knobs)), [knobs]);
  const real = useMemo(() => findMBConv(buildGraph(REAL_MODEL), knobs.t, knobs.kernel), [knobs.t, knobs.kernel]);
  const residual = hasResidual(knobs);
  const stepper = useStepper({ step: state.step, total: stages.length, onStep: (step) => onChange({ step }) });
  const step = stepper.step;

  const [result, setResult] = useState<{ key: string; r: MBConvResult } | null>(null);
  const key = JSON.stringify([knobs, state.seed]);
  const job = useTfjsJob();
  const runJob = job.run;
  useEffect(() => {
    // A newer run (or an unmount) cancels this one: the hook keeps only the latest.
    void runJob('Computing the MBConv block', async (ctx) => {
      const { runInvertedResidual } = await import('@/lib/widgets/inverted-residual/run');
      // A few thousand numbers: the CPU backend needs no GPU start-up and is always there.
      return runInvertedResidual({ ...knobs, seed: state.seed, backend: 'cpu', ...ctx.request });
    }).then((r) => r && setResult({ key: JSON.stringify([knobs, state.seed]), r }));
  }, [runJob, knobs, state.seed]);
  const current = result?.key === key ? result.r : null;
  const error = job.status.kind === 'error' ? job.status.message : null;
  const widths = stageWidths(stages);
  const stage = step > 0 ? stages[step - 1] : null;

  return (
    <div {...stepper.keys}>
      <div className="grid grid-cols-3 gap-x-3 gap-y-2">
        <Select label="Expansion t" control="t" value={state.t} onChange={(t) => onChange({ t })} options={MBCONV_EXPANSIONS.map((e) => [e, e] as const)} />
        <Select
          label="Kernel"
          control="kernel"
          value={state.kernel}
          onChange={(kernel) => onChange({ kernel })}
          options={MBCONV_KERNELS.map((k) => [k, `${k}×${k}`] as const)}
        />
        <Select
          label="Stride"
          control="stride"
          value={state.stride}
          onChange={(stride) => onChange({ stride })}
          options={MBCONV_STRIDES.map((s) => [s, s] as const)}
        />
      </div>
      <div className="mt-2 grid grid-cols-3 gap-x-3 gap-y-2">
        <ParamSlider schema={invertedResidualSchema} name="cin" label="C_in" value={state.cin} onChange={(cin) => onChange({ cin })} />
        <ParamSlider schema={invertedResidualSchema} name="cout" label="C_out" value={state.cout} onChange={(cout) => onChange({ cout })} />
        <ParamSlider schema={invertedResidualSchema} name="size" label="H = W" value={state.size} onChange={(size) => onChange({ size })} />
      </div>

      <StepperControls
        stepper={stepper}
        statusTestId="mbconv-step"
        status={`Step ${step} of ${stages.length}: ${stage ? `${STAGE_NAMES[stage.kind].toLowerCase()}, ${stage.outShape[0]} channels` : `the input, ${widths[0]} channels`}`}
      />
      <p className={`mt-1 ${hintClass}`} data-testid="mbconv-residual" data-residual={residual ? 'true' : 'false'}>
        {residual
          ? 'Stride 1 and C_in = C_out: the input is added back after the projection (the residual connects the narrow ends).'
          : `No residual: ${knobs.stride !== 1 ? 'stride 2 halves the map' : ''}${knobs.stride !== 1 && knobs.cin !== knobs.cout ? ' and ' : ''}${knobs.cin !== knobs.cout ? `C_in = ${knobs.cin} ≠ C_out = ${knobs.cout}` : ''}, so x and F(x) have different shapes.`}
      </p>

      {error ? (
        <div className="mt-3 text-sm">
          <ErrorNote>TensorFlow.js could not compute the block: {error}</ErrorNote>
        </div>
      ) : null}

      <div className="mt-3">
        <MBConvDiagram stages={stages} step={step} reducedMotion={stepper.reducedMotion} />
      </div>

      <section className="mt-2" aria-label="Each stage’s output, computed by TensorFlow.js">
        {!current ? (
          <p className={hintClass}>Computing the block with TensorFlow.js…</p>
        ) : (
          <ol className="space-y-2">
            {[current.input, ...current.outputs].slice(0, step + 1).map((m, i) => {
              const name = i === 0 ? 'Input x' : STAGE_NAMES[stages[i - 1].kind];
              return (
                <li key={i} className={`rounded-md bg-slate-50 p-1.5 dark:bg-slate-800/50 ${i === step ? 'ring-2 ring-accent-600 dark:ring-accent-400' : ''}`}>
                  <p className="text-[12px] text-slate-700 dark:text-slate-300">
                    <strong>{name}</strong>: {m.shape[1]} channels of {m.shape[2]}×{m.shape[3]}
                    {i > 0 && !stages[i - 1].activated && stages[i - 1].kind === 'project' ? ' · linear: no ReLU, so values of both signs (blue–red)' : ''}
                  </p>
                  <Tiles map={m} name={name} testId={i === step ? 'mbconv-output' : undefined} />
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <MacsTable stages={stages} step={step} />

      {real ? (
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300" data-testid="mbconv-real">
          In torchvision’s {REAL_MODEL} (MnasNet-B1, 224×224 input), <code>{real.group}</code> is an MBConv{knobs.t} {knobs.kernel}×{knobs.kernel}:{' '}
          {stageWidths(real.stages).slice(0, 4).join(' → ')} channels at {real.stages[0].inShape[1]}×{real.stages[0].inShape[2]}; expand{' '}
          {formatCount(real.stages[0].macs)}, depthwise {formatCount(real.stages[1].macs)}, project {formatMacs(real.stages[2].macs)}. The two 1×1 convolutions
          take {formatPercent(macShares(real.stages)[0] + macShares(real.stages)[2])} of its multiply-adds; the depthwise conv, which does the spatial work, the
          rest.
        </p>
      ) : null}

      <TensorReadout tensors={job.tensors} testId="mbconv-tensors" />
    </div>
  );
}
