'use client';

/**
 * The DenseNet paper's Fig. 5 for one set of weights: per dense block a triangle whose cell (s, ℓ)
 * is how strongly target ℓ's first conv weights source s (mean |w|, each column scaled to its
 * largest source: lib/widgets/dense-reuse/weight-reuse.ts). D3 computes the colours; React draws.
 */
import { scaleSequential, interpolateViridis } from 'd3';
import type { BlockReuse, ReuseTarget } from '@/lib/widgets/dense-reuse/weight-reuse';

const CELL = 22;
const AXIS = 22;

/** Short names: x₀ is the block input, Hℓ a dense layer, T the transition, C the classifier. */
export const sourceLabel = (s: number) => (s === 0 ? 'x₀' : `H${s}`);
export const targetLabel = (t: Pick<ReuseTarget, 'layer' | 'kind'>) => (t.kind === 'transition' ? 'T' : t.kind === 'classifier' ? 'C' : `H${t.layer}`);
const targetWords = (t: ReuseTarget) => (t.kind === 'transition' ? 'the transition' : t.kind === 'classifier' ? 'the classifier' : `H${t.layer}`);

export interface ReuseHeatmapProps {
  readonly reuse: readonly BlockReuse[];
  /** The relative values mapped to the ends of the colour scale (shared by side-by-side maps). */
  readonly domain: readonly [number, number];
  /** Outlined column: block index (0-based) and target layer. */
  readonly selected: { readonly block: number; readonly layer: number } | null;
  /** "trained weights" / "random weights, seed 0": part of every label. */
  readonly weightsName: string;
}

export function ReuseHeatmap({ reuse, domain, selected, weightsName }: ReuseHeatmapProps) {
  const colour = scaleSequential(interpolateViridis).domain(domain[1] > domain[0] ? domain : [domain[0] - 1e-6, domain[1]]);
  return (
    <div className="flex flex-wrap gap-3">
      {reuse.map((b, bi) => {
        const n = b.targets.length;
        const width = AXIS + n * CELL;
        const height = n * CELL + AXIS;
        // Screen readers get each column's strongest and weakest source instead of the picture.
        const summary = b.targets
          .filter((t) => t.layer > 1)
          .map((t) => {
            const hi = t.relative.indexOf(Math.max(...t.relative));
            const lo = t.relative.indexOf(Math.min(...t.relative));
            return `${targetWords(t)} weights ${sourceLabel(hi)} most and ${sourceLabel(lo)} least (${(t.relative[lo] * 100).toFixed(0)}%)`;
          })
          .join('; ');
        return (
          <figure key={b.block} className="text-[11px] text-slate-600 dark:text-slate-400">
            <figcaption className="mb-0.5 font-medium text-slate-800 dark:text-slate-200">Block {bi + 1}</figcaption>
            <svg width={width} height={height} role="img" aria-label={`Block ${bi + 1}, ${weightsName}: ${summary}.`}>
              {b.targets.map((t, ti) =>
                t.relative.map((v, s) => (
                  <rect key={`${ti}-${s}`} x={AXIS + ti * CELL} y={s * CELL} width={CELL - 1} height={CELL - 1} fill={colour(v)}>
                    <title>{`${sourceLabel(s)} → ${targetLabel(t)}: mean |w| ${t.meanAbs[s].toPrecision(3)} (${(v * 100).toFixed(0)}% of this column’s largest)`}</title>
                  </rect>
                )),
              )}
              {selected && selected.block === bi ? (
                <rect
                  x={AXIS + (selected.layer - 1) * CELL - 1}
                  y={-0.5}
                  width={CELL + 1}
                  height={selected.layer * CELL + 0.5}
                  fill="none"
                  className="stroke-rose-600 dark:stroke-rose-400"
                  strokeWidth={2}
                />
              ) : null}
              {b.targets.map((t, ti) => (
                <text key={`t${ti}`} x={AXIS + ti * CELL + CELL / 2} y={n * CELL + 14} textAnchor="middle" className="fill-current">
                  {targetLabel(t)}
                </text>
              ))}
              {b.sources.map((_, s) => (
                <text key={`s${s}`} x={AXIS - 4} y={s * CELL + CELL / 2 + 4} textAnchor="end" className="fill-current">
                  {sourceLabel(s)}
                </text>
              ))}
            </svg>
          </figure>
        );
      })}
    </div>
  );
}

/** The colour scale's stops, for a GradientLegend under the maps. */
export function heatmapStops(steps = 8): { offset: number; color: string }[] {
  return Array.from({ length: steps + 1 }, (_, i) => ({ offset: i / steps, color: interpolateViridis(i / steps) }));
}
