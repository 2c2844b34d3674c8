'use client';

/**
 * The MBConv block's tensors to scale: one bar per tensor, its width proportional to its channels
 * (the inverted bottleneck: narrow, wide, wide, narrow) and its height to its spatial size, the
 * stage between two bars named by its ops and MACs, and the residual drawn beside them where there
 * is one. Stages not reached yet are outlines. D3 computes the scales; React draws.
 */
import { scaleLinear } from 'd3';
import { formatCount, formatMacs } from '@/lib/format';
import { stageOps, type Stage } from '@/lib/widgets/inverted-residual/stages';

const W = 360;
/** Bars are centred here; the residual runs down the left margin, the widths sit on the right. */
const CX = 185;
const MAX_BAR = 200;
const RES_X = 12;
const GAP = 36;
const TOP = 8;
const FONT = 11.5;

export function MBConvDiagram({ stages, step, reducedMotion }: { stages: readonly Stage[]; step: number; reducedMotion: boolean }) {
  const shapes = [stages[0].inShape, ...stages.map((s) => s.outShape)];
  const maxC = Math.max(...shapes.map((s) => s[0]));
  const maxH = Math.max(...shapes.map((s) => s[1]));
  const x = scaleLinear().domain([0, maxC]).range([0, MAX_BAR]);
  const h = scaleLinear().domain([0, maxH]).range([0, 22]);
  const ys: number[] = [];
  let y = TOP;
  for (const s of shapes) {
    ys.push(y);
    y += h(s[1]) + GAP;
  }
  const height = y - GAP + 8;
  const add = stages.findIndex((s) => s.kind === 'add');
  const anim = reducedMotion ? undefined : 'transition-opacity duration-300';
  return (
    <svg
      viewBox={`0 0 ${W} ${height}`}
      className="h-auto w-full max-w-md"
      role="img"
      aria-label={`The block’s tensors to scale: ${shapes.map((s) => `${s[0]} channels of ${s[1]}×${s[2]}`).join(', then ')}`}
      data-testid="mbconv-diagram"
    >
      {add >= 0 ? (
        <path
          d={`M${CX - x(shapes[0][0]) / 2 - 3},${ys[0] + h(shapes[0][1]) / 2} H${RES_X} V${ys[add + 1] + h(shapes[add + 1][1]) / 2} H${CX - x(shapes[add + 1][0]) / 2 - 3}`}
          fill="none"
          strokeDasharray="4 3"
          strokeWidth={1.5}
          className={`stroke-slate-500 dark:stroke-slate-400 ${anim ?? ''}`}
          opacity={step >= add + 1 ? 1 : 0.4}
        />
      ) : null}
      {shapes.map((s, i) => {
        const reached = i <= step;
        const wBar = Math.max(2, x(s[0]));
        const hBar = Math.max(4, h(s[1]));
        const stage = i > 0 ? stages[i - 1] : null;
        return (
          <g key={i} opacity={reached ? 1 : 0.45} className={anim} data-tensor={i} data-channels={s[0]}>
            {stage ? (
              <text x={CX} y={ys[i] - 8} textAnchor="middle" fontSize={FONT} className="fill-slate-700 dark:fill-slate-300">
                {stageOps(stage)}
                {stage.macs > 0 ? ` · ${formatMacs(stage.macs)}` : ` · ${formatCount(stage.otherOps)} adds`}
              </text>
            ) : null}
            <rect
              x={CX - wBar / 2}
              y={ys[i]}
              width={wBar}
              height={hBar}
              rx={2}
              strokeWidth={i === step ? 2 : 1}
              className={
                reached
                  ? i === step
                    ? 'fill-accent-500/70 stroke-accent-700 dark:fill-accent-400/60 dark:stroke-accent-300'
                    : 'fill-slate-400/70 stroke-slate-600 dark:fill-slate-500/70 dark:stroke-slate-300'
                  : 'fill-none stroke-slate-400 dark:stroke-slate-500'
              }
              strokeDasharray={reached ? undefined : '3 2'}
            />
            <text x={W - 4} y={ys[i] + hBar / 2} dy="0.32em" textAnchor="end" fontSize={FONT} className="fill-slate-800 font-mono dark:fill-slate-200">
              {s[0]} × {s[1]}²
            </text>
          </g>
        );
      })}
    </svg>
  );
}
