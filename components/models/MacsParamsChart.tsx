import { scaleLog } from 'd3-scale';
import Link from 'next/link';
import { humanCount } from '@/lib/arch/format';
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

  return (
    <figure className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby="macs-params-title">
        <title id="macs-params-title">Multiply-accumulates against parameters for every registered model, log scales</title>
        <g className="text-slate-400 dark:text-slate-600" fontSize={11}>
          {x.ticks(6).map((t) => (
            <g key={`x${t}`} transform={`translate(${x(t)},0)`}>
              <line y1={M.top} y2={H - M.bottom} stroke="currentColor" strokeOpacity={0.3} />
              <text y={H - M.bottom + 16} textAnchor="middle" className="fill-slate-600 dark:fill-slate-400">
                {x.tickFormat(6, '~s')(t)}
              </text>
            </g>
          ))}
          {y.ticks(6).map((t) => (
            <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
              <line x1={M.left} x2={W - M.right} stroke="currentColor" strokeOpacity={0.3} />
              <text x={M.left - 8} dy="0.32em" textAnchor="end" className="fill-slate-600 dark:fill-slate-400">
                {y.tickFormat(6, '~s')(t)}
              </text>
            </g>
          ))}
        </g>
        <text x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle" fontSize={12} className="fill-slate-700 dark:fill-slate-300">
          Parameters
        </text>
        <text transform={`translate(16,${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} className="fill-slate-700 dark:fill-slate-300">
          MACs at the model&apos;s input size
        </text>
        {rows.map((r) => (
          <Link key={r.id} href={`/models/${r.id}`} aria-label={`${r.id}: ${humanCount(r.params)} parameters, ${humanCount(r.macs)} MACs`}>
            <circle cx={x(r.params)} cy={y(r.macs)} r={5} fill={FAMILY_COLORS[r.family]} stroke="white" strokeWidth={1} />
            <text x={x(r.params) + 7} y={y(r.macs)} dy="0.32em" fontSize={10} className="fill-slate-700 dark:fill-slate-300">
              {r.id}
            </text>
          </Link>
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm text-slate-600 dark:text-slate-400">
        {families.map(([id, name]) => (
          <span key={id} className="inline-flex items-center gap-1.5">
            <span className="inline-block h-3 w-3 rounded-full" style={{ background: FAMILY_COLORS[id] }} aria-hidden="true" />
            {name}
          </span>
        ))}
        <span>· DenseNet-BC (CIFAR) is measured at 32×32, the rest at 224×224.</span>
      </figcaption>
    </figure>
  );
}
