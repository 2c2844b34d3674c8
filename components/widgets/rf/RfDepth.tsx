'use client';

/**
 * Receptive field against depth: one curve per architecture (DenseNet-121, ResNeXt-50, ResNet-50,
 * ShuffleNet v2 1.0×, MnasNet 1.0), the theoretical field of each weighted layer from the spec
 * (lib/arch/receptive-field.ts, Araujo et al. 2019), against depth or against the MACs spent.
 * D3 computes the scales and ticks; React draws. Keyboard: the chart is one tab stop; ← → (Home,
 * End) move along the picked curve, ↑ ↓ pick another architecture at the same depth.
 */
import { scaleLinear, scaleLog } from 'd3';
import { type KeyboardEvent, type MouseEvent, useMemo, useState } from 'react';
import { Axis } from '@/components/charts/Axis';
import { axisTicks, plotFrame } from '@/components/charts/ticks';
import { Legend } from '@/components/ui/Legend';
import { Select } from '@/components/ui/Select';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatCount } from '@/lib/format';
import { FAMILY_COLORS } from '@/lib/models/family-colors';
import { describePoint, RF_MODEL_LABELS, rfCurves, type RfCurve, type RfPoint } from '@/lib/widgets/rf-depth/curves';
import { RF_MODELS, RF_SIZES, type RfDepthSchema, type RfModel } from '@/lib/widgets/rf-depth/meta';
import type { WidgetProps } from '@/lib/widgets/types';

const W = 720;
const H = 360;
const M = { top: 16, right: 16, bottom: 46, left: 58 };
/** ResNet-50 shares ResNeXt's family colour; a dash tells the two apart (and colour is never the only cue). */
const DASH: Partial<Record<RfModel, string>> = { resnet50: '6 4' };

interface Active {
  readonly curve: RfCurve;
  readonly point: RfPoint;
}

export function RfDepth({ state, onChange }: WidgetProps<RfDepthSchema>) {
  const size = Number(state.size);
  const curves = useMemo(() => rfCurves(size), [size]);
  const [hover, setHover] = useState<Active | null>(null);
  const frame = plotFrame(W, H, M);
  const byMacs = state.x === 'macs';

  const { x, y, xTicks, yTicks } = useMemo(() => {
    const all = curves.flatMap((c) => c.points);
    const rfMax = Math.max(...all.map((p) => p.rf));
    const xs = byMacs
      ? scaleLog()
          .domain([Math.min(...all.map((p) => p.macs)) / 1.2, Math.max(...all.map((p) => p.macs)) * 1.2])
          .range([frame.left, frame.right])
      : scaleLinear()
          .domain([0, Math.max(...all.map((p) => p.depth))])
          .nice()
          .range([frame.left, frame.right]);
    const ys =
      state.y === 'log'
        ? scaleLog()
            .domain([1, rfMax * 1.2])
            .range([frame.bottom, frame.top])
        : scaleLinear().domain([0, rfMax]).nice().range([frame.bottom, frame.top]);
    const fmtMacs = (v: number) => formatCount(v);
    return {
      x: (p: RfPoint) => xs(byMacs ? p.macs : p.depth),
      y: (v: number) => ys(v),
      xTicks: byMacs ? axisTicks(xs, { count: 10, decades: true, fallbackCount: 4, format: fmtMacs }) : axisTicks(xs, { count: 8, format: String }),
      yTicks: state.y === 'log' ? axisTicks(ys, { count: 10, decades: true, fallbackCount: 4, format: String }) : axisTicks(ys, { count: 6, format: String }),
    };
  }, [curves, byMacs, state.y, frame.left, frame.right, frame.top, frame.bottom]);

  const picked = curves.find((c) => c.id === state.model) ?? curves[0];
  const selected: Active | null = state.layer > 0 ? pointAt(picked, state.layer) : null;
  const active = hover ?? selected;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pts = picked.points;
    const i = selected ? pts.indexOf(selected.point) : -1;
    const go = (j: number) => {
      e.preventDefault();
      setHover(null);
      onChange({ layer: pts[Math.max(0, Math.min(pts.length - 1, j))].depth });
    };
    const switchCurve = (step: number) => {
      e.preventDefault();
      setHover(null);
      const k = (RF_MODELS.indexOf(picked.id) + step + RF_MODELS.length) % RF_MODELS.length;
      const next = curves.find((c) => c.id === RF_MODELS[k])!;
      onChange({ model: next.id, layer: pointAt(next, selected?.point.depth ?? 1).point.depth });
    };
    if (e.key === 'ArrowRight') go(i + 1);
    else if (e.key === 'ArrowLeft') go(i < 0 ? 0 : i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(pts.length - 1);
    else if (e.key === 'ArrowDown') switchCurve(1);
    else if (e.key === 'ArrowUp') switchCurve(-1);
  };

  const wholeY = y(size);
  const title = `Theoretical receptive field against ${byMacs ? 'multiply–accumulates spent' : 'depth'} for ${curves.map((c) => c.label).join(', ')}, at ${size}×${size} pixels`;

  return (
    <WidgetFrame
      title="Receptive field against depth"
      subtitle={`How many input pixels one cell of each layer sees, computed from the spec (Araujo et al. 2019), at ${size}×${size}. Stride-1 layers add a fixed amount; each stride multiplies what every later layer adds.`}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-4">
        <Select
          control="x"
          label="Horizontal axis"
          value={state.x}
          options={[
            ['layer', 'layer (depth)'],
            ['macs', 'MACs spent (log)'],
          ]}
          onChange={(v) => onChange({ x: v })}
        />
        <Select
          control="y"
          label="Vertical scale"
          value={state.y}
          options={[
            ['linear', 'linear'],
            ['log', 'log'],
          ]}
          onChange={(v) => onChange({ y: v })}
        />
        <Select
          control="size"
          label="Input size"
          value={state.size}
          options={RF_SIZES.map((s) => [s, `${s}×${s}`] as const)}
          onChange={(v) => onChange({ size: v })}
        />
        <Select
          control="model"
          label="Architecture"
          value={state.model}
          options={RF_MODELS.map((m) => [m, RF_MODEL_LABELS[m]] as const)}
          onChange={(v) =>
            onChange({
              model: v,
              layer: selected
                ? pointAt(
                    curves.find((c) => c.id === v)!,
                    selected.point.depth,
                  ).point.depth
                : 0,
            })
          }
        />
      </div>
      <p className="mt-2 min-h-[2.5rem] text-[13px] text-slate-700 dark:text-slate-300" aria-live="polite" data-testid="rf-depth-readout">
        {active
          ? describePoint(active.curve, active.point, formatCount)
          : 'Hover over a curve, or focus the chart and use the arrow keys (← → along a curve, ↑ ↓ between architectures), to read one layer.'}
      </p>
      <div
        tabIndex={0}
        role="group"
        aria-label={`${title}. Use the left and right arrow keys to move along the ${picked.label} curve, up and down to change architecture.`}
        onKeyDown={onKeyDown}
        className="overflow-x-auto rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-accent-500"
        data-testid="rf-depth-chart"
      >
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className="block h-auto w-full min-w-[540px]"
          role="img"
          aria-label={title}
          onMouseMove={(e) => setHover(nearest(curves, e, x, y))}
          onMouseLeave={() => setHover(null)}
        >
          <Axis
            orient="bottom"
            ticks={xTicks}
            frame={frame}
            label={byMacs ? 'multiply–accumulates up to this layer (log)' : 'depth: weighted layers on the longest path'}
            labelOffset={M.bottom - 8}
            fontSize={11}
          />
          <Axis
            orient="left"
            ticks={yTicks}
            frame={frame}
            label={`receptive field, pixels${state.y === 'log' ? ' (log)' : ''}`}
            labelOffset={M.left - 14}
            fontSize={11}
          />
          {wholeY >= frame.top ? (
            <g aria-hidden="true">
              <line x1={frame.left} x2={frame.right} y1={wholeY} y2={wholeY} className="stroke-slate-500 dark:stroke-slate-400" strokeDasharray="2 3" />
              {/* Where no curve runs: the right end by depth (only DenseNet gets there, far above), the left end by MACs. */}
              <text
                x={byMacs ? frame.left + 4 : frame.right - 4}
                textAnchor={byMacs ? 'start' : 'end'}
                y={wholeY - 5}
                fontSize={11}
                className="fill-slate-700 dark:fill-slate-300"
              >
                the whole image ({size} px)
              </text>
            </g>
          ) : null}
          {curves.map((c) => {
            const on = c.id === picked.id;
            const d = c.points.map((p, k) => `${k ? 'L' : 'M'}${x(p).toFixed(1)},${y(p.rf).toFixed(1)}`).join('');
            return (
              <g key={c.id} data-curve={c.id}>
                <path
                  d={d}
                  fill="none"
                  stroke={FAMILY_COLORS[c.family]}
                  strokeWidth={on ? 2.6 : 1.6}
                  strokeOpacity={on ? 1 : 0.75}
                  strokeDasharray={DASH[c.id]}
                />
                {c.whole ? (
                  <circle cx={x(c.whole)} cy={y(c.whole.rf)} r={4} className="fill-white dark:fill-slate-900" stroke={FAMILY_COLORS[c.family]} strokeWidth={2}>
                    <title>{`${c.label} first sees the whole ${size}×${size} image at layer ${c.whole.depth} (${c.whole.name})`}</title>
                  </circle>
                ) : null}
              </g>
            );
          })}
          {active ? (
            <circle
              cx={x(active.point)}
              cy={y(active.point.rf)}
              r={6}
              fill={FAMILY_COLORS[active.curve.family]}
              className="stroke-slate-900 dark:stroke-white"
              strokeWidth={2}
              data-testid="rf-depth-active"
            />
          ) : null}
        </svg>
      </div>
      <Legend
        className="mt-2"
        items={[
          ...curves.map((c) => ({
            key: c.id,
            swatch: { shape: 'line' as const, color: FAMILY_COLORS[c.family], dash: DASH[c.id] },
            label: `${c.label}: ${c.points.at(-1)!.rf} px at layer ${c.points.at(-1)!.depth}${c.whole ? `; the whole image from layer ${c.whole.depth}` : ''}`,
          })),
          { key: 'whole', swatch: { shape: 'line' as const, className: 'stroke-slate-500 dark:stroke-slate-400', dash: '2 3' }, label: 'field = the image' },
        ]}
        note="Rings: where each first covers the image. After the global pool every layer sees the whole image."
      />
    </WidgetFrame>
  );
}

/** The point at `depth` on a curve, or the nearest depth it has. */
function pointAt(curve: RfCurve, depth: number): Active {
  let best = curve.points[0];
  for (const p of curve.points) if (Math.abs(p.depth - depth) < Math.abs(best.depth - depth)) best = p;
  return { curve, point: best };
}

/** The point nearest the mouse, in the SVG's own coordinates. */
function nearest(curves: readonly RfCurve[], e: MouseEvent<SVGSVGElement>, x: (p: RfPoint) => number, y: (v: number) => number): Active | null {
  const svg = e.currentTarget;
  const box = svg.getBoundingClientRect();
  if (!box.width) return null;
  const mx = ((e.clientX - box.left) / box.width) * W;
  const my = ((e.clientY - box.top) / box.height) * H;
  let best: Active | null = null;
  let bestD = 30 * 30;
  for (const c of curves) {
    for (const p of c.points) {
      const d = (x(p) - mx) ** 2 + (y(p.rf) - my) ** 2;
      if (d < bestD) {
        bestD = d;
        best = { curve: c, point: p };
      }
    }
  }
  return best;
}
