import { scaleLog } from 'd3-scale';
import Link from 'next/link';
import { Axis } from '@/components/charts/Axis';
import { axisTicks, plotFrame } from '@/components/charts/ticks';
import { Legend } from '@/components/ui/Legend';
import { formatCount } from '@/lib/format';
import { FAMILY_COLORS } from '@/lib/models/family-colors';
import type { ModelRow } from '@/lib/models/catalog';

const W = 720;
const H = 420;
const M = { top: 16, right: 24, bottom: 48, left: 64 };

/**
 * MACs against parameters on log–log axes, one labelled point per model, linked to its lab.
 * D3 computes the scales and ticks; React renders the SVG (no client JavaScript needed).
 */
export function MacsParamsChart({ rows }: { rows: readonly ModelRow[] }) {
  const x = scaleLog()
    .domain([Math.min(...rows.map((r) => r.params)) / 1.5, Math.max(...rows.map((r) => r.params)) * 1.5])
    .range([M.left, W - M.right]);
  const y = scaleLog()
    .domain([Math.min(...rows.map((r) => r.macs)) / 1.5, Math.max(...rows.map((r) => r.macs)) * 1.5])
    .range([H - M.bottom, M.top]);
  const families = [...new Map(rows.map((r) => [r.family, r.familyName])).entries()];
  const frame = plotFrame(W, H, M);

  return (
    <figure className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      {/* A group, not an image: its points are links, and an image's content is presentational (axe: nested-interactive). */}
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="group" aria-labelledby="macs-params-title">
        <title id="macs-params-title">Multiply-accumulates against parameters for every registered model, log scales</title>
        <Axis
          orient="bottom"
          ticks={axisTicks(x, { count: 6, format: x.tickFormat(6, '~s') })}
          frame={frame}
          label="Parameters"
          labelOffset={M.bottom - 8}
          fontSize={11}
        />
        <Axis
          orient="left"
          ticks={axisTicks(y, { count: 6, format: y.tickFormat(6, '~s') })}
          frame={frame}
          label="MACs at the model's input size"
          labelOffset={M.left - 16}
          fontSize={11}
        />
        {rows.map((r) => (
          <Link key={r.id} href={`/models/${r.id}`} aria-label={`${r.id}: ${formatCount(r.params)} parameters, ${formatCount(r.macs)} MACs`}>
            <circle cx={x(r.params)} cy={y(r.macs)} r={5} fill={FAMILY_COLORS[r.family]} stroke="white" strokeWidth={1} />
            <text x={x(r.params) + 7} y={y(r.macs)} dy="0.32em" fontSize={10} className="fill-slate-700 dark:fill-slate-300">
              {r.id}
            </text>
          </Link>
        ))}
      </svg>
      <figcaption className="mt-2">
        <Legend
          className="text-sm"
          items={families.map(([id, name]) => ({ key: id, swatch: { shape: 'dot', color: FAMILY_COLORS[id] }, label: name }))}
          note="· DenseNet-BC (CIFAR) is measured at 32×32, the rest at 224×224."
        />
      </figcaption>
    </figure>
  );
}
