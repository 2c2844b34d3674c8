'use client';

/**
 * Channel profile: the channels entering every dense layer and transition of an ImageNet DenseNet,
 * read from the spec's graph. One bar per layer; blocks climb by k per layer, transitions cut by θ.
 */
import { max, scaleBand, scaleLinear } from 'd3';
import { useMemo, useState } from 'react';
import { blockSummaries, describeStep, modelProfile } from '@/lib/widgets/channel-profile/profile';
import { PROFILE_MODELS, type ChannelProfileSchema } from '@/lib/widgets/channel-profile/meta';
import type { WidgetProps } from '@/lib/widgets/types';
import { modelLabel } from '@/lib/widgets/cost-compare/summary';
import { Axis } from '@/components/charts/Axis';
import { axisTicks } from '@/components/charts/ticks';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { WidgetFrame } from '@/components/ui/WidgetFrame';

const W = 720;
const H = 300;
const M = { top: 26, right: 12, bottom: 40, left: 48 };
const BLOCK_CLASSES = ['fill-sky-500', 'fill-emerald-500', 'fill-amber-500', 'fill-rose-500'];

export function ChannelProfile({ state, onChange }: WidgetProps<ChannelProfileSchema>) {
  const profile = useMemo(() => modelProfile(state.model), [state.model]);
  const blocks = useMemo(() => blockSummaries(profile), [profile]);
  const [hover, setHover] = useState<number | null>(null);
  const n = profile.steps.length;
  const selected = state.step >= 1 && state.step <= n ? state.step : null;
  const active = hover ?? selected;

  const x = scaleBand<number>()
    .domain(profile.steps.map((s) => s.step))
    .range([M.left, W - M.right])
    .paddingInner(0.15);
  const yMax = max(profile.steps, (s) => s.inChannels + (s.kind === 'dense' ? s.outChannels : 0)) ?? 1;
  const y = scaleLinear()
    .domain([0, yMax])
    .nice()
    .range([H - M.bottom, M.top]);
  const activeStep = active === null ? null : profile.steps[active - 1];

  return (
    <WidgetFrame
      title="Channel profile"
      subtitle={`Channels entering each layer of ${modelLabel(state.model)}, from the spec: +${profile.growthRate} per dense layer; the grey bars are transitions, and the tick across each marks the half (θ = 0.5) it keeps.`}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Select
          control="model"
          label="Model"
          value={state.model}
          options={PROFILE_MODELS.map((m) => [m, modelLabel(m)] as const)}
          onChange={(model) => onChange({ model, step: 0 })}
        />
        <Slider
          control="step"
          label="Layer along the depth"
          value={selected ?? 0}
          min={0}
          max={n}
          onChange={(v) => onChange({ step: v })}
          format={(v) => (v === 0 ? 'none' : `${v} of ${n}`)}
        />
      </div>
      <p className="mt-2 min-h-[2.5rem] text-[13px] text-slate-700 dark:text-slate-300" aria-live="polite">
        {activeStep ? describeStep(activeStep) : 'Move the slider, or hover over a bar, to read one layer.'}
      </p>
      <div className="overflow-x-auto">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className="block h-auto w-full min-w-[540px]"
          role="img"
          aria-label={`Bar chart of the channels entering each of the ${n} dense layers and transitions of ${modelLabel(state.model)}`}
        >
          {blocks.map((b, i) => {
            const first = profile.steps.find((s) => s.kind === 'dense' && s.block === b.block)!;
            const last = profile.steps.filter((s) => s.kind === 'dense' && s.block === b.block).at(-1)!;
            const x0 = x(first.step)!;
            const x1 = x(last.step)! + x.bandwidth();
            return (
              <g key={b.block}>
                <rect x={x0} y={M.top - 18} width={x1 - x0} height={H - M.bottom - M.top + 18} className="fill-slate-100 dark:fill-slate-800/50" />
                <text x={(x0 + x1) / 2} y={M.top - 6} textAnchor="middle" fontSize={11} className="fill-slate-700 dark:fill-slate-300">
                  {x1 - x0 > 70 ? `Block ${b.block} · ${b.resolution}×${b.resolution}` : `B${b.block}`}
                </text>
                <title>{`Dense block ${i + 1}: ${b.layers} layers at ${b.resolution}×${b.resolution}, ${b.firstIn} → ${b.out} channels`}</title>
              </g>
            );
          })}
          <Axis
            orient="left"
            ticks={axisTicks(y, { count: 5, format: String })}
            frame={{ left: M.left, right: W - M.right, top: M.top, bottom: H - M.bottom }}
            label="input channels"
            labelOffset={M.left - 13}
            fontSize={11}
          />
          {profile.steps.map((s) => {
            const isActive = active === s.step;
            const cls = s.kind === 'transition' ? 'fill-slate-500 dark:fill-slate-400' : BLOCK_CLASSES[(s.block - 1) % BLOCK_CLASSES.length];
            return (
              <g
                key={s.step}
                onMouseEnter={() => setHover(s.step)}
                onMouseLeave={() => setHover(null)}
                onClick={() => onChange({ step: s.step })}
                className="cursor-pointer"
              >
                <rect x={x(s.step)! - 1} y={M.top} width={x.bandwidth() + 2} height={H - M.bottom - M.top} fill="transparent" />
                <rect
                  x={x(s.step)}
                  y={y(s.inChannels)}
                  width={x.bandwidth()}
                  height={y(0) - y(s.inChannels)}
                  className={cls}
                  opacity={active === null || isActive ? 1 : 0.55}
                />
                {s.kind === 'transition' ? (
                  <rect x={x(s.step)} y={y(s.outChannels)} width={x.bandwidth()} height={1.5} className="fill-slate-900 dark:fill-white" />
                ) : null}
                {isActive ? (
                  <rect
                    x={x(s.step)! - 1.5}
                    y={y(s.inChannels) - 1.5}
                    width={x.bandwidth() + 3}
                    height={y(0) - y(s.inChannels) + 3}
                    fill="none"
                    className="stroke-slate-900 dark:stroke-white"
                    strokeWidth={1.5}
                  />
                ) : null}
              </g>
            );
          })}
          <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} className="stroke-slate-400 dark:stroke-slate-600" />
          <text x={(M.left + W - M.right) / 2} y={H - 10} textAnchor="middle" fontSize={11} className="fill-slate-700 dark:fill-slate-300">
            depth: {n - (blocks.length - 1)} dense layers and {blocks.length - 1} transitions (grey) in order · {profile.finalChannels} channels reach the
            classifier
          </text>
        </svg>
      </div>
    </WidgetFrame>
  );
}
