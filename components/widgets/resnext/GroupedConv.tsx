'use client';

/**
 * A grouped convolution, group by group. The input channels sit on top, the output channels below,
 * both cut into G bands; each step computes one group, whose filters read only the input channels
 * of its band, and fills its block of the dense weight matrix on the right. Everything drawn comes
 * from one tfjs job on a small seeded tensor (lib/widgets/grouped-conv/trace-tf.ts), which also
 * computes the layer as G separate convolutions concatenated and as one dense convolution with the
 * block-diagonal weight, and prints how far apart they are. Parameters and multiply-adds are lib/arch's
 * cost model's (lib/widgets/grouped-conv/groups.ts); D3 lays out, React draws, the shared stepper steps.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStepper } from '@/components/hooks/useStepper';
import { useTfjsJob } from '@/components/hooks/useTfjsJob';
import { Caveat } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { RunReport } from '@/components/ui/RunReport';
import { Select } from '@/components/ui/Select';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { StepperControls, StepperFigure } from '@/components/ui/StepperControls';
import { formatInt } from '@/lib/format';
import { hue } from '@/lib/widgets/channel-shuffle/layout';
import { symmetricMax } from '@/lib/widgets/channel-tiles/tiles';
import {
  blockDiagonalNonZeros,
  groupRanges,
  groupedCost,
  groupedStepAt,
  groupedStepCount,
  groupsDone,
  kernelMagnitudes,
  macsDone,
  resolveGroups,
  validGroups,
  type GroupedShape,
} from '@/lib/widgets/grouped-conv/groups';
import { LAYER_FIGURE, layerLayout, matrixLayout } from '@/lib/widgets/grouped-conv/layout';
import { GROUPED_CHANNELS, GROUPED_KERNELS, GROUPED_SIZE, type GroupedConvSchema } from '@/lib/widgets/grouped-conv/meta';
import type { GroupedTrace } from '@/lib/widgets/grouped-conv/trace-tf';
import type { WidgetProps } from '@/lib/widgets/types';
import { ChannelTile } from '../ChannelTile';
import { EqualityLine } from '../EqualityLine';

const range = (a: number, b: number) => (b - a === 1 ? `${a}` : `${a}–${b - 1}`);
const sameShape = (a: GroupedShape, b: GroupedShape) => a.cin === b.cin && a.cout === b.cout && a.G === b.G && a.k === b.k && a.size === b.size;

export function GroupedConvWidget({ state, onChange }: WidgetProps<GroupedConvSchema>) {
  const cin = Number(state.cin);
  const cout = Number(state.cout);
  const k = Number(state.k);
  const { G, adjusted } = resolveGroups(cin, cout, state.G);
  const shape = useMemo<GroupedShape>(() => ({ cin, cout, G, k, size: GROUPED_SIZE }), [cin, cout, G, k]);
  const cost = useMemo(() => groupedCost(shape), [shape]);
  const lay = useMemo(() => layerLayout(shape), [shape]);
  const mat = useMemo(() => matrixLayout(shape), [shape]);
  const ranges = useMemo(() => groupRanges(shape), [shape]);

  const total = groupedStepCount(G);
  const stepper = useStepper({ step: state.step, total, onStep: (step) => onChange({ step }) });
  const step = stepper.step;
  const at = groupedStepAt(step, G);
  const done = groupsDone(step, G);
  const current = at.kind === 'group' ? at.group : null;

  const [trace, setTrace] = useState<GroupedTrace | null>(null);
  const job = useTfjsJob();
  const runJob = job.run;
  useEffect(() => {
    // A newer run (or an unmount) cancels this one: the hook keeps only the latest.
    void runJob('Computing the grouped convolution', async (ctx) => {
      const [{ traceGroupedConv }, { runTfjsJob }] = await Promise.all([import('@/lib/widgets/grouped-conv/trace-tf'), import('@/lib/runtime/job')]);
      // A few thousand numbers: the CPU backend needs no GPU start-up and is always there.
      return runTfjsJob({ backend: 'cpu', ...ctx.request }, () => traceGroupedConv(shape, state.seed));
    }).then((t) => t && setTrace(t));
  }, [runJob, shape, state.seed]);
  const live = trace && sameShape(trace.shape, shape) ? trace : null;
  const error = job.status.kind === 'error' ? job.status.message : null;

  const inMax = live ? symmetricMax(live.input) : 1;
  const outMax = live ? symmetricMax(live.output) : 1;
  const magnitudes = useMemo(() => (live ? kernelMagnitudes(live.weight, shape) : null), [live, shape]);
  const magMax = magnitudes ? symmetricMax(magnitudes) : 1;
  const perGroupOut = cout / G;
  const outputTile = (o: number) => {
    if (!live) return null;
    const g = Math.floor(o / perGroupOut);
    return { data: live.groupOutputs[g], channels: perGroupOut, c: o - g * perGroupOut };
  };
  const shows = (g: number) => at.kind === 'compare' || g < done;
  const emphasis = (g: number) => (current === null ? 1 : g === current ? 1 : 0.55);

  const setChannels = (patch: { cin?: (typeof GROUPED_CHANNELS)[number]; cout?: (typeof GROUPED_CHANNELS)[number] }) => {
    const ci = Number(patch.cin ?? state.cin);
    const co = Number(patch.cout ?? state.cout);
    // Keep G valid for the new channels (the largest allowed count not above the current one).
    onChange({ ...patch, G: resolveGroups(ci, co, G).G });
  };

  const stepText =
    at.kind === 'layer' ? `the layer: ${G} group${G > 1 ? 's' : ''}` : at.kind === 'group' ? `group ${at.group + 1} of ${G}` : 'the three results compared';
  const r = current !== null ? ranges[current] : null;

  return (
    <div {...stepper.keys}>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Select
          label="Input channels"
          control="cin"
          value={state.cin}
          onChange={(v) => setChannels({ cin: v })}
          options={GROUPED_CHANNELS.map((c) => [c, c] as const)}
        />
        <Select
          label="Output channels"
          control="cout"
          value={state.cout}
          onChange={(v) => setChannels({ cout: v })}
          options={GROUPED_CHANNELS.map((c) => [c, c] as const)}
        />
        <Select
          label="Groups G"
          control="G"
          value={String(G)}
          onChange={(v) => onChange({ G: Number(v) })}
          options={validGroups(cin, cout).map((g) => [String(g), String(g)] as const)}
        />
        <Select
          label="Kernel"
          control="k"
          value={state.k}
          onChange={(v) => onChange({ k: v })}
          options={GROUPED_KERNELS.map((v) => [v, `${v}×${v}`] as const)}
        />
      </div>
      {adjusted ? (
        <div className="mt-2">
          <Caveat testId="grouped-adjusted">
            G = {state.G} does not divide {cin} input and {cout} output channels, so the widget shows G = {G}, the largest group count below it that does.
          </Caveat>
        </div>
      ) : null}

      <StepperControls stepper={stepper} statusTestId="grouped-step" status={`Step ${step} of ${total}: ${stepText}`} />

      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          TensorFlow.js could not compute the layer: {error}
        </p>
      ) : null}

      <StepperFigure label="The grouped convolution" className="mt-3 flex flex-wrap items-start gap-4">
        <svg
          viewBox={`0 0 ${LAYER_FIGURE.W} ${lay.height}`}
          className="h-auto w-full max-w-xl min-w-0 flex-[3_1_20rem]"
          role="img"
          aria-label={`Grouped convolution with ${G} groups: ${cin} input channels above, ${cout} output channels below; ${done} of ${G} groups computed`}
          data-testid="grouped-figure"
        >
          <text x={LAYER_FIGURE.X0} y={10} fontSize={11} className="fill-slate-600 dark:fill-slate-400">
            input: {cin} channels of {GROUPED_SIZE}×{GROUPED_SIZE}
          </text>
          <text x={LAYER_FIGURE.X0} y={lay.outY + lay.tile + 14} fontSize={11} className="fill-slate-600 dark:fill-slate-400">
            output: {cout} channels
          </text>
          {lay.bands.map((b) => (
            <g key={`band-${b.group}`} opacity={emphasis(b.group)}>
              <rect x={b.x0} y={LAYER_FIGURE.IN_Y + lay.tile + 3} width={b.x1 - b.x0} height={3} rx={1.5} fill={hue(b.group, G)} />
            </g>
          ))}
          <g fill="none">
            {lay.strands.map((s) => {
              const isCurrent = s.group === current;
              const opacity = at.kind === 'layer' ? 0.3 : isCurrent ? 0.95 : shows(s.group) ? 0.4 : 0.07;
              return (
                <path
                  key={`${s.from}-${s.to}`}
                  d={s.d}
                  stroke={hue(s.group, G)}
                  strokeWidth={isCurrent ? 1.6 : 1}
                  strokeOpacity={opacity}
                  className="motion-safe:transition-[stroke-opacity] motion-safe:duration-300"
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
              h={GROUPED_SIZE}
              w={GROUPED_SIZE}
              channels={cin}
              channel={p.channel}
              max={inMax}
              ring={p.group === current ? hue(p.group, G) : null}
              opacity={emphasis(p.group)}
              title={`input channel ${p.channel}, read by group ${p.group + 1}`}
            />
          ))}
          {lay.outputs.map((p) => {
            const t = outputTile(p.channel);
            return (
              <ChannelTile
                key={`out-${p.channel}`}
                x={p.x}
                y={p.y}
                side={lay.tile}
                data={shows(p.group) && t ? t.data : null}
                h={GROUPED_SIZE}
                w={GROUPED_SIZE}
                channels={t?.channels ?? 1}
                channel={t?.c ?? 0}
                max={outMax}
                ring={p.group === current ? hue(p.group, G) : null}
                opacity={emphasis(p.group)}
                title={`output channel ${p.channel}, written by group ${p.group + 1}${shows(p.group) ? '' : ' (not computed yet)'}`}
              />
            );
          })}
        </svg>

        <figure className="m-0 min-w-0 flex-[1_1_12rem]">
          <svg
            viewBox={`0 0 ${mat.width} ${mat.height}`}
            className="h-auto w-full max-w-[15rem]"
            role="img"
            aria-label={`The layer's weight as a dense ${cout} × ${cin} matrix: ${G} diagonal blocks hold ${blockDiagonalNonZeros(shape)} kernels, the rest are zeros`}
            data-testid="grouped-matrix"
          >
            <text x={mat.left} y={9} fontSize={8} className="fill-slate-600 dark:fill-slate-400">
              input channel →
            </text>
            <text x={9} y={mat.top} fontSize={8} transform={`rotate(90 9 ${mat.top})`} className="fill-slate-600 dark:fill-slate-400">
              output channel →
            </text>
            {mat.cells.map((c) => {
              const filled = c.group !== null && shows(c.group) && magnitudes;
              return (
                <rect
                  key={`${c.out}-${c.in}`}
                  x={c.x + 0.5}
                  y={c.y + 0.5}
                  width={mat.cell - 1}
                  height={mat.cell - 1}
                  fill={filled ? hue(c.group!, G) : 'none'}
                  fillOpacity={filled ? 0.25 + (0.75 * magnitudes[c.out * cin + c.in]) / magMax : 0}
                  className="stroke-slate-300 dark:stroke-slate-600"
                  strokeWidth={0.5}
                />
              );
            })}
            {mat.blocks.map((b) => (
              <rect
                key={`block-${b.group}`}
                x={b.x}
                y={b.y}
                width={b.w}
                height={b.h}
                fill="none"
                stroke={hue(b.group, G)}
                strokeWidth={b.group === current ? 2.2 : 1}
              />
            ))}
          </svg>
          <figcaption className="mt-1 text-[11px] text-slate-600 dark:text-slate-400">
            The weight as one dense matrix, a cell per {k}×{k} kernel: {formatInt(blockDiagonalNonZeros(shape))} of {formatInt(cin * cout)} kernels sit in the{' '}
            {G} diagonal block{G > 1 ? 's' : ''}; every other one is zero.
          </figcaption>
        </figure>
      </StepperFigure>

      <p className="mt-2 text-[13px] text-slate-700 dark:text-slate-300" data-testid="grouped-explain">
        {at.kind === 'layer'
          ? G === 1
            ? `With G = 1 this is an ordinary convolution: every one of the ${cout} filters reads all ${cin} input channels.`
            : `${G} groups: each output channel is computed from the ${cin / G} input channels of its own group only. Step through the groups.`
          : at.kind === 'group' && r
            ? `Group ${at.group + 1}: its ${r.outEnd - r.outStart} filter${r.outEnd - r.outStart > 1 ? 's' : ''} of ${k}×${k}×${r.inEnd - r.inStart} read input channel${r.inEnd - r.inStart > 1 ? 's' : ''} ${range(r.inStart, r.inEnd)} only and write output channel${r.outEnd - r.outStart > 1 ? 's' : ''} ${range(r.outStart, r.outEnd)}: ${formatInt(cost.perGroup.macs)} multiply-adds.`
            : `All ${G} groups computed. The same layer, computed two more ways:`}
      </p>

      <StatGrid columns={3} className="mt-3">
        <Stat
          label="Parameters"
          testId="grouped-params"
          data={{ 'data-value': cost.grouped.params, 'data-dense': cost.dense.params }}
          value={formatInt(cost.grouped.params)}
          detail={`dense ${formatInt(cost.dense.params)} ÷ ${G}`}
        />
        <Stat
          label="Multiply-adds"
          testId="grouped-macs"
          data={{ 'data-value': cost.grouped.macs, 'data-dense': cost.dense.macs }}
          value={formatInt(cost.grouped.macs)}
          detail={`dense ${formatInt(cost.dense.macs)} ÷ ${G}`}
        />
        <Stat
          label="Multiply-adds so far"
          testId="grouped-macs-done"
          data={{ 'data-value': macsDone(step, shape, cost) }}
          value={formatInt(macsDone(step, shape, cost))}
          detail={`${done} of ${G} group${G > 1 ? 's' : ''} × ${formatInt(cost.perGroup.macs)}`}
        />
      </StatGrid>

      <div
        className={`mt-3 space-y-1 rounded-lg border p-2 ${at.kind === 'compare' ? 'border-accent-500' : 'border-slate-200 dark:border-slate-700'}`}
        data-testid="grouped-compare"
      >
        <EqualityLine
          label={`${G} separate convolutions, concatenated`}
          detail={`tf.slice the ${cin / G} channels of each group, tf.conv2d with its filter, tf.concat`}
          value={live?.diffSplit ?? null}
          testId="grouped-diff-split"
        />
        <EqualityLine
          label="one dense convolution with the block-diagonal weight"
          detail={`tf.conv2d with the ${cout}×${cin} matrix of kernels above`}
          value={live?.diffBlockDiagonal ?? null}
          testId="grouped-diff-blockdiag"
        />
        <p className="text-[11px] text-slate-600 dark:text-slate-400">
          Both against the layer as this site runs every grouped convolution
          {live ? ` (tfjs has none of its own; this one ran as “${live.runAs}”)` : ''}; largest output value {live ? live.magnitude.toFixed(2) : '…'}. Any
          difference left is float32 rounding: the same products, summed in another order.{' '}
          <Button control="seed" onClick={() => onChange({ seed: (state.seed + 1) % 2 ** 31 })}>
            New weights and input
          </Button>
        </p>
      </div>
      <RunReport backend={job.backend} tensors={job.tensors} />
    </div>
  );
}
