'use client';

/**
 * Cardinality groups: one ResNeXt block (the conv2-stage template, 256-d in and out, 56×56 maps)
 * drawn in the paper's three equivalent forms, each with its parameters and MACs counted by the
 * spec's cost model from a graph of that form, and the grouped 3×3 conv's weight drawn as a
 * block-diagonal matrix. "Keep complexity constant" solves d for C as in the paper's Table 2.
 */
import { useMemo, useState } from 'react';
import { blockDiagonal, visiblePaths } from '@/lib/widgets/cardinality-groups/blockdiag';
import { CONV2_TEMPLATE, FORM_LABELS, FORMS, formCost, type Form } from '@/lib/widgets/cardinality-groups/forms';
import { cardinalityGroupsSchema, type CardinalityGroupsSchema } from '@/lib/widgets/cardinality-groups/meta';
import { RESNET_REFERENCE, solveWidth, TABLE2_CARDINALITIES } from '@/lib/widgets/cardinality-groups/solver';
import type { WidgetProps } from '@/lib/widgets/types';
import { ParamSlider } from '@/components/ui/Slider';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { Toggle } from '@/components/ui/Toggle';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatBytes, formatCount, formatInt } from '@/lib/format';

const SW = 250;
const SH = 250;
const BOX_H = 22;

function groupHue(g: number, C: number): string {
  return `hsl(${Math.round((360 * g) / Math.max(1, Math.min(C, 12))) % 360} 70% 55%)`;
}

function Box({ x, y, w, text, tone, highlight }: { x: number; y: number; w: number; text: string; tone: 'one' | 'three' | 'group'; highlight?: boolean }) {
  const cls =
    tone === 'three'
      ? 'fill-accent-100 stroke-accent-600 dark:fill-accent-700/40 dark:stroke-accent-300'
      : tone === 'group'
        ? 'fill-amber-100 stroke-amber-600 dark:fill-amber-500/20 dark:stroke-amber-300'
        : 'fill-slate-100 stroke-slate-500 dark:fill-slate-800 dark:stroke-slate-400';
  return (
    <g>
      <rect x={x - w / 2} y={y} width={w} height={BOX_H} rx={4} className={cls} strokeWidth={highlight ? 2.5 : 1} />
      <text x={x} y={y + BOX_H / 2} dy="0.35em" textAnchor="middle" fontSize={w < 50 ? 7.5 : 9} className="fill-slate-800 dark:fill-slate-100">
        {text}
      </text>
    </g>
  );
}

function Line({ x1, y1, x2, y2 }: { x1: number; y1: number; x2: number; y2: number }) {
  return <line x1={x1} y1={y1} x2={x2} y2={y2} className="stroke-slate-400 dark:stroke-slate-500" strokeWidth={1} />;
}

function Node({ x, y, text }: { x: number; y: number; text: string }) {
  return (
    <g>
      <circle cx={x} cy={y} r={9} className="fill-white stroke-slate-700 dark:fill-slate-900 dark:stroke-slate-200" />
      <text x={x} y={y} dy="0.35em" textAnchor="middle" fontSize={11} className="fill-slate-800 dark:fill-slate-100">
        {text}
      </text>
    </g>
  );
}

function FormDrawing({ form, C, d, w, hoverGroup }: { form: Form; C: number; d: number; w: number; hoverGroup: number | null }) {
  const cx = SW / 2;
  const top = 18;
  const y1 = 44;
  const y2 = 84;
  const y3 = 124;
  const ySum = 170;
  const yAdd = 206;
  const { shown, hidden } = visiblePaths(C, 4);
  const slots = shown.length + (hidden ? 1 : 0);
  const slotW = (SW - 30) / slots;
  const xs = shown.map((_, i) => 20 + slotW * (i >= shown.length - 1 && hidden ? i + 1 : i) + slotW / 2);
  const boxW = Math.min(64, slotW - 6);
  const paths = form !== 'c';
  return (
    <svg viewBox={`0 0 ${SW} ${SH}`} className="block h-auto w-full max-w-[300px]" role="img" aria-label={`${FORM_LABELS[form]} with C = ${C} and d = ${d}`}>
      <text x={cx} y={top} textAnchor="middle" fontSize={10} className="fill-slate-600 dark:fill-slate-400">
        {w}-d in
      </text>
      {/* shortcut */}
      <path d={`M ${SW - 8} ${top + 4} V ${yAdd} H ${cx + 9}`} fill="none" className="stroke-slate-400 dark:stroke-slate-500" strokeDasharray="3 2" />
      {paths ? (
        <>
          {shown.map((g, i) => (
            <g key={g} opacity={hoverGroup !== null && hoverGroup !== g ? 0.35 : 1}>
              <Line x1={cx} y1={top + 4} x2={xs[i]} y2={y1} />
              <Box x={xs[i]} y={y1} w={boxW} text={`${w},1×1,${d}`} tone="one" highlight={hoverGroup === g} />
              <Line x1={xs[i]} y1={y1 + BOX_H} x2={xs[i]} y2={y2} />
              <Box x={xs[i]} y={y2} w={boxW} text={`${d},3×3,${d}`} tone="three" highlight={hoverGroup === g} />
              {form === 'a' ? (
                <>
                  <Line x1={xs[i]} y1={y2 + BOX_H} x2={xs[i]} y2={y3} />
                  <Box x={xs[i]} y={y3} w={boxW} text={`${d},1×1,${w}`} tone="one" highlight={hoverGroup === g} />
                  <Line x1={xs[i]} y1={y3 + BOX_H} x2={cx} y2={ySum - 9} />
                </>
              ) : (
                <Line x1={xs[i]} y1={y2 + BOX_H} x2={xs[i]} y2={y3 + 2} />
              )}
            </g>
          ))}
          {hidden ? (
            <g className="fill-slate-600 dark:fill-slate-400" fontSize={9} textAnchor="middle">
              <text x={20 + slotW * (shown.length - 1) + slotW / 2} y={y1 + BOX_H / 2} dy="0.35em" fontSize={12}>
                ⋯
              </text>
              <text x={20 + slotW * (shown.length - 1) + slotW / 2} y={y2 + BOX_H / 2 - 5} dy="0.35em">
                +{hidden}
              </text>
              <text x={20 + slotW * (shown.length - 1) + slotW / 2} y={y2 + BOX_H / 2 + 6} dy="0.35em">
                paths
              </text>
            </g>
          ) : null}
          {form === 'a' ? (
            <Node x={cx} y={ySum} text="+" />
          ) : (
            <>
              <rect x={16} y={y3 + 2} width={SW - 40} height={10} rx={3} className="fill-slate-300 dark:fill-slate-600" />
              <text x={cx} y={y3 + 7} dy="0.35em" textAnchor="middle" fontSize={8} className="fill-slate-800 dark:fill-slate-100">
                concatenate: {C * d} channels
              </text>
              <Line x1={cx} y1={y3 + 12} x2={cx} y2={ySum - 14} />
              <Box x={cx} y={ySum - 14} w={90} text={`${C * d},1×1,${w}`} tone="one" />
            </>
          )}
        </>
      ) : (
        <>
          <Line x1={cx} y1={top + 4} x2={cx} y2={y1} />
          <Box x={cx} y={y1} w={110} text={`${w},1×1,${C * d}`} tone="one" />
          <Line x1={cx} y1={y1 + BOX_H} x2={cx} y2={y2} />
          <Box x={cx} y={y2} w={150} text={`${C * d},3×3,${C * d}, groups = ${C}`} tone="group" />
          <Line x1={cx} y1={y2 + BOX_H} x2={cx} y2={y3} />
          <Box x={cx} y={y3} w={110} text={`${C * d},1×1,${w}`} tone="one" />
          <Line x1={cx} y1={y3 + BOX_H} x2={cx} y2={ySum - 9} />
        </>
      )}
      <Line x1={cx} y1={form === 'b' ? ySum - 14 + BOX_H : ySum + (form === 'a' ? 9 : -9)} x2={cx} y2={yAdd - 9} />
      <Node x={cx} y={yAdd} text="+" />
      <Line x1={cx} y1={yAdd + 9} x2={cx} y2={yAdd + 22} />
      <text x={cx} y={yAdd + 34} textAnchor="middle" fontSize={10} className="fill-slate-600 dark:fill-slate-400">
        {w}-d out
      </text>
    </svg>
  );
}

function BlockDiagonalMatrix({ C, d, hoverGroup, onHover }: { C: number; d: number; hoverGroup: number | null; onHover: (g: number | null) => void }) {
  const side = 220;
  const m = blockDiagonal(C, d, side);
  const pad = 26;
  return (
    <figure className="min-w-0">
      <svg
        viewBox={`0 0 ${side + pad + 6} ${side + pad + 6}`}
        className="block h-auto w-full max-w-[260px]"
        role="img"
        aria-label={`Weight of the grouped 3×3 conv as a ${m.channels} by ${m.channels} matrix of kernels: ${C} blocks of ${d} by ${d} on the diagonal, everything else zero`}
      >
        <text x={pad + side / 2} y={12} textAnchor="middle" fontSize={10} className="fill-slate-600 dark:fill-slate-400">
          input channels ({m.channels})
        </text>
        <text transform={`translate(12,${pad + side / 2}) rotate(-90)`} textAnchor="middle" fontSize={10} className="fill-slate-600 dark:fill-slate-400">
          output channels
        </text>
        <g transform={`translate(${pad},${pad - 6})`}>
          <rect width={side} height={side} className="fill-slate-100 stroke-slate-300 dark:fill-slate-800/70 dark:stroke-slate-600" />
          {m.blocks.map((b) => (
            <rect
              key={b.group}
              x={b.x}
              y={b.y}
              width={Math.max(0.8, b.size)}
              height={Math.max(0.8, b.size)}
              fill={groupHue(b.group, C)}
              opacity={hoverGroup === null || hoverGroup === b.group ? 1 : 0.35}
              onMouseEnter={() => onHover(b.group)}
              onMouseLeave={() => onHover(null)}
            >
              <title>{`group ${b.group + 1}: output and input channels ${b.start}–${b.end - 1}`}</title>
            </rect>
          ))}
        </g>
      </svg>
      <figcaption className="text-[12px] text-slate-600 dark:text-slate-400">
        Grouped 3×3 weight, one cell per 3×3 kernel: {formatInt(m.groupedWeights)} of the {formatInt(m.denseWeights)} weights a dense 3×3 conv on {m.channels}{' '}
        channels would have ({(100 * m.density).toFixed(m.density < 0.1 ? 1 : 0)}%, i.e. 1/C).
      </figcaption>
    </figure>
  );
}

export function CardinalityGroups({ state, onChange }: WidgetProps<CardinalityGroupsSchema>) {
  const { C, keep } = state;
  const solved = useMemo(() => solveWidth(C), [C]);
  const d = keep ? solved.d : state.d;
  const shape = useMemo(() => ({ C, d, ...CONV2_TEMPLATE }), [C, d]);
  const costs = useMemo(() => FORMS.map((f) => formCost(f, shape)), [shape]);
  const reference = useMemo(() => formCost('c', { ...RESNET_REFERENCE, ...CONV2_TEMPLATE }), []);
  const [hoverGroup, setHoverGroup] = useState<number | null>(null);
  const rel = costs[2].convParams / reference.convParams;

  return (
    <WidgetFrame
      title={`Cardinality: one block, three forms (${C}×${d}d)`}
      subtitle="The conv2-stage block of ResNeXt-50: 256 channels in and out, 56×56 feature maps. Each form is built as its own graph; the numbers under it come from the spec’s cost model."
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <ParamSlider schema={cardinalityGroupsSchema} name="C" label="Cardinality C" value={C} onChange={(v) => onChange({ C: v })} />
        <ParamSlider
          schema={cardinalityGroupsSchema}
          name="d"
          label="Bottleneck width d"
          value={d}
          onChange={(v) => onChange({ d: v })}
          disabled={keep}
          hint={
            keep
              ? `solved: ${C}×${d}d has ${formatInt(solved.params)} conv params vs ${formatInt(solved.target)} for 1×64d (${solved.relative >= 0 ? '+' : ''}${(100 * solved.relative).toFixed(1)}%)`
              : undefined
          }
        />
        <Toggle
          control="keep"
          label="Keep complexity constant"
          checked={keep}
          onChange={(v) => onChange(v ? { keep: true } : { keep: false, d })}
          hint="solve d for C so the block stays near ResNet’s 1×64d (Table 2)"
        />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-[12px]" role="group" aria-label="Settings of the paper’s Table 2">
        <span className="text-slate-600 dark:text-slate-400">Table 2:</span>
        {TABLE2_CARDINALITIES.map((c) => {
          const s = solveWidth(c);
          const on = C === c && d === s.d;
          return (
            <button
              key={c}
              type="button"
              aria-pressed={on}
              onClick={() => onChange({ C: c, d: s.d })}
              className={`rounded border px-2 py-0.5 font-mono ${on ? 'border-accent-600 bg-accent-50 dark:border-accent-300 dark:bg-accent-700/30' : 'border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800'}`}
            >
              {c}×{s.d}d
            </button>
          );
        })}
      </div>

      <div className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-3">
        {FORMS.map((f, i) => {
          const c = costs[i];
          return (
            <figure key={f} className="min-w-0 rounded-lg border border-slate-200 p-2 dark:border-slate-700" aria-label={FORM_LABELS[f]}>
              <figcaption className="mb-1 text-[13px] font-semibold text-slate-900 dark:text-white">{FORM_LABELS[f]}</figcaption>
              <div className="flex justify-center">
                <FormDrawing form={f} C={C} d={d} w={CONV2_TEMPLATE.width} hoverGroup={f === 'c' ? null : hoverGroup} />
              </div>
              <StatGrid columns={2} className="mt-1">
                <Stat label="Params" value={formatInt(c.total.params)} />
                <Stat label="MACs" value={formatCount(c.total.macs)} />
              </StatGrid>
              <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">
                {c.nodes} ops in the graph · {formatBytes(c.total.memBytes)} moved (memory access cost)
              </p>
            </figure>
          );
        })}
      </div>

      <div className="mt-3 grid grid-cols-1 items-start gap-4 sm:grid-cols-[minmax(0,260px)_1fr]">
        <BlockDiagonalMatrix C={C} d={d} hoverGroup={hoverGroup} onHover={setHoverGroup} />
        <StatGrid columns={2}>
          <Stat label="Grouped conv width" value={formatInt(C * d)} detail={`C·d = ${C}×${d}`} />
          <Stat label="Conv params" value={formatInt(costs[2].convParams)} detail={`C·(256d + 9d² + 256d); 1×64d: ${formatInt(reference.convParams)}`} />
          <Stat label="vs ResNet’s block" value={`${rel.toFixed(2)}×`} detail="conv parameters, 1×64d = 1" />
          <Stat
            label="MACs per param"
            value={formatInt(Math.round(costs[2].convMacs / costs[2].convParams))}
            detail="= 56·56: every weight is used at every position"
          />
        </StatGrid>
      </div>
    </WidgetFrame>
  );
}
