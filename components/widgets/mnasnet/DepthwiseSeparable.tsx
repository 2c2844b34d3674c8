'use client';

/**
 * Depthwise then pointwise, against a full convolution. The depthwise steps filter each input
 * channel with its own k×k kernel (a strand per channel: nothing mixes); the pointwise steps mix
 * all M depthwise outputs into each output with a 1×1 kernel (M strands per output). The
 * multiply-adds run up as the steps happen, beside what a full k×k convolution spends on the same
 * outputs, and end at the ratio 1/N + 1/k² (Howard et al. 2017, MobileNets eq. 5). Every value drawn
 * comes from one tfjs job on a small seeded tensor (lib/widgets/depthwise-separable/trace-tf.ts); the
 * counts from lib/arch's cost model of MnasNet's SepConv and Conv layers (…/counts.ts). D3 lays out,
 * React draws, the shared stepper steps.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStepper } from '@/components/hooks/useStepper';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { Button } from '@/components/ui/Button';
import { RunReport } from '@/components/ui/RunReport';
import { Select } from '@/components/ui/Select';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { StepperControls, StepperFigure } from '@/components/ui/StepperControls';
import { formatFixed, formatInt } from '@/lib/format';
import { symmetricMax } from '@/lib/widgets/channel-tiles/tiles';
import { countersAt, macRatio, paperRatio, separableCost, sepProgress, sepStepAt, sepStepCount, type SepShape } from '@/lib/widgets/depthwise-separable/counts';
import { SEP_FIGURE, counterBars, sepLayout } from '@/lib/widgets/depthwise-separable/layout';
import { SEP_IN_CHANNELS, SEP_KERNELS, SEP_OUT_CHANNELS, SEP_SIZE, type DepthwiseSeparableSchema } from '@/lib/widgets/depthwise-separable/meta';
import type { SepTrace } from '@/lib/widgets/depthwise-separable/trace-tf';
import type { WidgetProps } from '@/lib/widgets/types';
import { ChannelTile } from '../ChannelTile';
import { EqualityLine } from '../EqualityLine';

const sameShape = (a: SepShape, b: SepShape) => a.cin === b.cin && a.cout === b.cout && a.k === b.k && a.size === b.size;
// Amber: apart from the tiles' blue–red scale, visible on light and dark.
const RING = '#f59e0b';

const BAR_LABELS = {
  depthwise: 'Depthwise (k×k, one per channel)',
  pointwise: 'Pointwise (1×1, mixing)',
  separable: 'Depthwise separable, together',
  full: 'Full k×k convolution, same outputs',
} as const;

export function DepthwiseSeparableWidget({ state, onChange }: WidgetProps<DepthwiseSeparableSchema>) {
  const cin = Number(state.cin);
  const cout = Number(state.cout);
  const k = Number(state.k);
  const shape = useMemo<SepShape>(() => ({ cin, cout, k, size: SEP_SIZE }), [cin, cout, k]);
  const cost = useMemo(() => separableCost(shape), [shape]);

  const total = sepStepCount(shape);
  const stepper = useStepper({ step: state.step, total, onStep: (step) => onChange({ step }) });
  const step = stepper.step;
  const at = sepStepAt(step, shape);
  const progress = sepProgress(step, shape);
  const counters = countersAt(step, shape, cost);

  const [trace, setTrace] = useState<SepTrace | null>(null);
  const job = useTfjsJob();
  const runJob = job.run;
  useEffect(() => {
    // A newer run (or an unmount) cancels this one: the hook keeps only the latest.
    void runJob('Computing depthwise then pointwise', async (ctx) => {
      const [{ traceSeparable }, { runTfjsJob }] = await Promise.all([import('@/lib/widgets/depthwise-separable/trace-tf'), import('@/lib/runtime/job')]);
      // A few thousand numbers: the CPU backend needs no GPU start-up and is always there.
      return runTfjsJob({ backend: 'cpu', ...ctx.request }, () => traceSeparable(shape, state.seed));
    }).then((t) => t && setTrace(t));
  }, [runJob, shape, state.seed]);
  const live = trace && sameShape(trace.shape, shape) ? trace : null;
  const error = job.status.kind === 'error' ? job.status.message : null;

  const lay = useMemo(() => sepLayout(shape, live?.pointwise ?? new Float32Array(cin * cout).fill(1)), [shape, live, cin, cout]);
  const inMax = live ? symmetricMax(live.input) : 1;
  const dwMax = live ? symmetricMax(live.depthwiseOutput) : 1;
  const outMax = live ? symmetricMax(live.output) : 1;
  const filterMax = live ? symmetricMax(live.depthwise) : 1;
  const curChannel = at.kind === 'depthwise' ? at.channel : null;
  const curOutput = at.kind === 'pointwise' ? at.output : null;
  const bars = counterBars(counters, cost, 100);
  const sepTotal = cost.depthwise.macs + cost.pointwise.macs;
  const ratio = macRatio(cost);

  const stepText =
    at.kind === 'input'
      ? 'the input'
      : at.kind === 'depthwise'
        ? `depthwise: channel ${at.channel} (${at.channel + 1} of ${cin})`
        : at.kind === 'pointwise'
          ? `pointwise: output ${at.output} (${at.output + 1} of ${cout})`
          : 'the totals';

  return (
    <div {...stepper.keys}>
      <div className="grid grid-cols-3 gap-3">
        <Select
          label="Input channels M"
          control="cin"
          value={state.cin}
          onChange={(v) => onChange({ cin: v })}
          options={SEP_IN_CHANNELS.map((c) => [c, c] as const)}
        />
        <Select
          label="Output channels N"
          control="cout"
          value={state.cout}
          onChange={(v) => onChange({ cout: v })}
          options={SEP_OUT_CHANNELS.map((c) => [c, c] as const)}
        />
        <Select label="Kernel k" control="k" value={state.k} onChange={(v) => onChange({ k: v })} options={SEP_KERNELS.map((v) => [v, `${v}×${v}`] as const)} />
      </div>

      <StepperControls stepper={stepper} statusTestId="separable-step" status={`Step ${step} of ${total}: ${stepText}`} />

      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          TensorFlow.js could not compute the layers: {error}
        </p>
      ) : null}

      <StepperFigure label="Depthwise then pointwise" className="mt-3 flex flex-wrap items-start gap-4">
        <svg
          viewBox={`0 0 ${SEP_FIGURE.W} ${lay.height}`}
          className="h-auto w-full max-w-xl min-w-0 flex-[3_1_20rem]"
          role="img"
          aria-label={`Depthwise then pointwise: ${cin} input channels, each through its own ${k}×${k} filter, then mixed by 1×1 weights into ${cout} outputs; ${progress.channels} of ${cin} channels and ${progress.outputs} of ${cout} outputs computed`}
          data-testid="separable-figure"
        >
          <text x={SEP_FIGURE.X0} y={10} fontSize={11} className="fill-slate-600 dark:fill-slate-400">
            input: {cin} channels of {SEP_SIZE}×{SEP_SIZE}, a {k}×{k} filter each
          </text>
          <text x={SEP_FIGURE.X0} y={lay.outputs[0].y + lay.tile + 14} fontSize={11} className="fill-slate-600 dark:fill-slate-400">
            output: {cout} channels, each a 1×1 mix of all {cin}
          </text>
          <g fill="none">
            {lay.depthwiseStrands.map((d, c) => (
              <path
                key={`dws-${c}`}
                d={d}
                strokeWidth={c === curChannel ? 2 : 1.2}
                strokeOpacity={c < progress.channels ? 0.8 : 0.15}
                className="stroke-slate-500 dark:stroke-slate-400"
              />
            ))}
            {lay.pointwiseStrands.map((s) => {
              const doneOut = s.to < progress.outputs;
              const isCur = s.to === curOutput;
              return (
                <path
                  key={`pw-${s.from}-${s.to}`}
                  d={s.d}
                  strokeWidth={s.width}
                  strokeOpacity={isCur ? 0.95 : doneOut ? 0.3 : 0.06}
                  className={`${s.positive ? 'stroke-red-600 dark:stroke-red-400' : 'stroke-blue-600 dark:stroke-blue-400'} motion-safe:transition-[stroke-opacity] motion-safe:duration-300`}
                />
              );
            })}
          </g>
          {lay.inputs.map((p) => (
            <ChannelTile
              key={`in-${p.channel}`}
              x={p.x}
              y={p.y}
              side={lay.tile}
              data={live?.input ?? null}
              h={SEP_SIZE}
              w={SEP_SIZE}
              channels={cin}
              channel={p.channel}
              max={inMax}
              ring={p.channel === curChannel ? RING : null}
              opacity={curChannel === null || p.channel === curChannel ? 1 : 0.4}
              title={`input channel ${p.channel}`}
            />
          ))}
          {lay.filters.map((p) => (
            <ChannelTile
              key={`f-${p.channel}`}
              x={p.x}
              y={p.y}
              side={lay.chip}
              data={live?.depthwise ?? null}
              h={k}
              w={k}
              channels={cin}
              channel={p.channel}
              max={filterMax}
              ring={p.channel === curChannel ? RING : null}
              opacity={curChannel === null || p.channel === curChannel ? 1 : 0.4}
              title={`the ${k}×${k} depthwise filter of channel ${p.channel}`}
            />
          ))}
          {lay.depthwise.map((p) => (
            <ChannelTile
              key={`dw-${p.channel}`}
              x={p.x}
              y={p.y}
              side={lay.tile}
              data={p.channel < progress.channels ? (live?.depthwiseOutput ?? null) : null}
              h={SEP_SIZE}
              w={SEP_SIZE}
              channels={cin}
              channel={p.channel}
              max={dwMax}
              ring={p.channel === curChannel ? RING : null}
              title={`depthwise output ${p.channel}${p.channel < progress.channels ? '' : ' (not computed yet)'}`}
            />
          ))}
          {lay.outputs.map((p) => (
            <ChannelTile
              key={`out-${p.channel}`}
              x={p.x}
              y={p.y}
              side={lay.tile}
              data={p.channel < progress.outputs ? (live?.output ?? null) : null}
              h={SEP_SIZE}
              w={SEP_SIZE}
              channels={cout}
              channel={p.channel}
              max={outMax}
              ring={p.channel === curOutput ? RING : null}
              title={`output channel ${p.channel}${p.channel < progress.outputs ? '' : ' (not computed yet)'}`}
            />
          ))}
        </svg>

        <div className="min-w-0 flex-[2_1_14rem] space-y-2" data-testid="separable-counters">
          <p className="text-[12px] font-medium text-slate-700 dark:text-slate-300">Multiply-adds so far (one scale: the full convolution&apos;s total)</p>
          {bars.map((b) => {
            const value = counters[b.key];
            const of =
              b.key === 'depthwise' ? cost.depthwise.macs : b.key === 'pointwise' ? cost.pointwise.macs : b.key === 'separable' ? sepTotal : cost.full.macs;
            return (
              <div key={b.key} role="group" aria-label={BAR_LABELS[b.key]} data-testid={`separable-count-${b.key}`} data-value={value} data-total={of}>
                <div className="flex items-baseline justify-between gap-2 text-[11px] text-slate-600 dark:text-slate-400">
                  <span>{BAR_LABELS[b.key]}</span>
                  <span className="font-mono tabular-nums text-slate-800 dark:text-slate-200">
                    {formatInt(value)} / {formatInt(of)}
                  </span>
                </div>
                <div className="relative h-2.5 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                  <div className="absolute inset-y-0 left-0 rounded bg-slate-300 dark:bg-slate-600" style={{ width: `${b.total}%` }} />
                  <div
                    className={`absolute inset-y-0 left-0 rounded motion-safe:transition-[width] motion-safe:duration-300 ${b.key === 'full' ? 'bg-slate-600 dark:bg-slate-300' : 'bg-accent-600 dark:bg-accent-400'}`}
                    style={{ width: `${b.done}%` }}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </StepperFigure>

      <p className="mt-2 text-[13px] text-slate-700 dark:text-slate-300" data-testid="separable-explain">
        {at.kind === 'input'
          ? `A full ${k}×${k} convolution would compute each of the ${cout} outputs from all ${cin} channels at once: ${k}·${k}·${cin} = ${k * k * cin} multiply-adds per output pixel. Step through the two cheaper steps.`
          : at.kind === 'depthwise'
            ? `Depthwise, channel ${at.channel}: its own ${k}×${k} filter slides over input channel ${at.channel} only, ${k * k} multiply-adds per pixel, ${formatInt(cost.perDepthwiseChannel)} for the ${SEP_SIZE}×${SEP_SIZE} map.`
            : at.kind === 'pointwise'
              ? `Pointwise, output ${at.output}: a 1×1 kernel weighs the ${cin} depthwise outputs (red positive, blue negative) and adds them, ${cin} multiply-adds per pixel, ${formatInt(cost.perPointwiseOutput)} in all; the full convolution spends ${formatInt(cost.perFullOutput)} on the same output.`
              : `Done: ${formatInt(sepTotal)} multiply-adds against ${formatInt(cost.full.macs)}.`}
      </p>

      <StatGrid columns={3} className="mt-3">
        <Stat
          label="Ratio of multiply-adds"
          testId="separable-ratio"
          data={{ 'data-value': ratio, 'data-paper': paperRatio(shape) }}
          value={formatFixed(ratio, 4)}
          detail={`1/N + 1/k² = 1/${cout} + 1/${k * k} = ${formatFixed(paperRatio(shape), 4)} (MobileNets eq. 5) ${Math.abs(ratio - paperRatio(shape)) < 1e-12 ? '✓' : '✗'}`}
        />
        <Stat
          label="Weights, separable"
          testId="separable-params"
          data={{ 'data-value': cost.depthwise.params + cost.pointwise.params }}
          value={formatInt(cost.depthwise.params + cost.pointwise.params)}
          detail={`${k}·${k}·${cin} + ${cin}·${cout}`}
        />
        <Stat
          label="Weights, full"
          testId="separable-full-params"
          data={{ 'data-value': cost.full.params }}
          value={formatInt(cost.full.params)}
          detail={`${k}·${k}·${cin}·${cout}`}
        />
      </StatGrid>

      <div
        className={`mt-3 space-y-1 rounded-lg border p-2 ${at.kind === 'total' ? 'border-accent-500' : 'border-slate-200 dark:border-slate-700'}`}
        data-testid="separable-compare"
      >
        <EqualityLine
          label={`one full ${k}×${k} convolution whose kernel is the product W[i, j, c, o] = D[i, j, c]·P[c, o]`}
          detail="tf.conv2d"
          value={live?.diffFull ?? null}
          testId="separable-diff-full"
        />
        <EqualityLine label="tfjs' own fused op" detail="tf.separableConv2d" value={live?.diffSeparableOp ?? null} testId="separable-diff-op" />
        <p className="text-[11px] text-slate-600 dark:text-slate-400">
          With nothing between its two steps, a depthwise separable convolution is a full convolution restricted to such factorised kernels:{' '}
          {formatInt(cost.depthwise.params + cost.pointwise.params)} free weights instead of {formatInt(cost.full.params)}. MnasNet&apos;s SepConv puts BN and
          ReLU after the depthwise step; they cost no multiply-adds and are left out here.{' '}
          <Button control="seed" onClick={() => onChange({ seed: (state.seed + 1) % 2 ** 31 })}>
            New weights and input
          </Button>
        </p>
      </div>
      <RunReport backend={job.backend} tensors={job.tensors} />
    </div>
  );
}
