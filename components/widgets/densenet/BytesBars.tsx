'use client';

/**
 * The running count of the dense concatenation widget as two bars on one scale (the naive total
 * after the last layer): the naive implementation's bar gains, at every layer, a copy of the whole
 * state (every source's band again, in its colour); the shared storage's gains only the new k
 * channels. Steps not reached yet are drawn as outlines, so the end of both bars shows from the
 * start. D3 computes the scale; React draws.
 */
import { scaleLinear } from 'd3';
import { hintClass } from '@/components/ui/styles';
import { formatBytes } from '@/lib/format';
import { sourceColor } from '@/lib/widgets/dense-connectivity/colors';
import type { BlockShape, LayerBytes } from '@/lib/widgets/dense-concat/bytes';

const W = 1000;
const H = 14;

interface Segment {
  readonly x: number;
  readonly w: number;
  readonly source: number;
  readonly step: number;
}

function Bar({ segments, step, label, total, testId }: { segments: readonly Segment[]; step: number; label: string; total: number; testId: string }) {
  return (
    <div data-testid={testId}>
      <p className="flex flex-wrap justify-between gap-x-2 text-[12px] text-slate-700 dark:text-slate-300">
        <span>{label}</span>
        <span className="font-mono tabular-nums">after all layers: {formatBytes(total)}</span>
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="mt-0.5 h-3.5 w-full" aria-hidden="true">
        <rect x={0} y={0} width={W} height={H} className="fill-slate-100 dark:fill-slate-800" />
        {segments
          .filter((s) => s.step <= step)
          .map((s, i) => (
            <rect key={i} x={s.x} y={0} width={Math.max(0, s.w)} height={H} fill={sourceColor(s.source)} />
          ))}
        {/* Each step still to come, as one outline. */}
        {[...new Set(segments.map((s) => s.step))]
          .filter((t) => t > step)
          .map((t) => {
            const of = segments.filter((s) => s.step === t);
            const x0 = of[0].x;
            const x1 = of[of.length - 1].x + of[of.length - 1].w;
            return (
              <rect
                key={`o${t}`}
                x={x0}
                y={0.5}
                width={Math.max(0, x1 - x0)}
                height={H - 1}
                fill="none"
                className="stroke-slate-400 dark:stroke-slate-500"
                strokeWidth={1}
                vectorEffect="non-scaling-stroke"
              />
            );
          })}
        {/* A gap between the copies of successive layers. */}
        {segments
          .filter((s, i) => i > 0 && segments[i - 1].step !== s.step)
          .map((s, i) => (
            <line
              key={`g${i}`}
              x1={s.x}
              x2={s.x}
              y1={0}
              y2={H}
              className="stroke-white dark:stroke-slate-950"
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
            />
          ))}
      </svg>
    </div>
  );
}

export function BytesBars({ rows, step, shape }: { rows: readonly LayerBytes[]; step: number; shape: BlockShape }) {
  const last = rows[rows.length - 1];
  const x = scaleLinear()
    .domain([0, last.naiveTotal || 1])
    .range([0, W]);
  const hw4 = shape.h * shape.w * 4;
  // Naive: at layer ℓ a copy of every band x₀, H1 … Hℓ.
  const naive: Segment[] = [];
  let at = 0;
  for (let l = 1; l < rows.length; l++)
    for (let s = 0; s <= l; s++) {
      const bytes = (s === 0 ? shape.k0 : shape.k) * hw4;
      naive.push({ x: x(at), w: x(bytes), source: s, step: l });
      at += bytes;
    }
  // Shared: x₀ once (step 0), then each layer's k channels once.
  const shared: Segment[] = rows.map((r) => ({ x: x(r.sharedTotal - r.sharedStep), w: x(r.sharedStep), source: r.layer, step: r.layer }));
  return (
    <div className="space-y-2">
      <Bar
        segments={naive}
        step={step}
        label="Naive: every layer copies the whole state into a fresh tensor"
        total={last.naiveTotal}
        testId="concat-bar-naive"
      />
      <Bar
        segments={shared}
        step={step}
        label="Shared storage: each feature map written once, into its slot"
        total={last.sharedTotal}
        testId="concat-bar-shared"
      />
      <p className={hintClass}>Both bars on one scale, coloured by the layer whose channels are copied; outlines are the layers still to come.</p>
    </div>
  );
}
