'use client';

/**
 * A layer's real input, channel by channel, grouped and coloured by the layer that wrote each
 * channel; each group checked against that layer's own output tensor and, when the weights are
 * known, with how strongly the layer's first conv weights it (Fig. 5's column for this layer).
 */
import type { FeatureMap } from '@/lib/runtime/featuremaps';
import { sourceColor } from '@/lib/widgets/dense-connectivity/colors';
import type { Band } from '@/lib/widgets/dense-connectivity/layout';
import { bandDifference } from '@/lib/widgets/dense-reuse/block';
import { MapTile } from './MapTile';

export interface ReuseBandsProps {
  readonly bands: readonly Band[];
  /** The layer's input (the concatenation), NCHW. */
  readonly input: FeatureMap;
  /** Each source's own output, by source index. */
  readonly sourceMaps: readonly (FeatureMap | undefined)[];
  /** "H3" or "the block output". */
  readonly layerName: string;
  /** First layer of a block: its input is x₀ itself, nothing to compare. */
  readonly first: boolean;
  /** Fig. 5 column of this layer: relative weight per source (1 = the most weighted), or null. */
  readonly weight: readonly number[] | null;
  readonly weightsName: string;
  readonly tileSize?: number;
}

export function ReuseBands({ bands, input, sourceMaps, layerName, first, weight, weightsName, tileSize }: ReuseBandsProps) {
  const hw = input.shape[2] * input.shape[3];
  return (
    <ol className="mt-3 space-y-2" aria-label={`Input channels of ${layerName}, grouped by the layer that produced them`}>
      {bands.map((b) => {
        const src = sourceMaps[b.source];
        const diff = src ? bandDifference(input.data, src.data, b, hw) : NaN;
        const name = b.source === 0 ? 'x₀ (block input)' : `H${b.source}`;
        const owner = b.source === 0 ? 'the block input' : `H${b.source}’s own output`;
        const w = weight?.[b.source];
        return (
          <li key={b.source} className="rounded-lg border-l-4 bg-slate-50 p-2 dark:bg-slate-800/50" style={{ borderColor: sourceColor(b.source) }}>
            <p className="mb-1 text-[12px] text-slate-700 dark:text-slate-300">
              <strong>{name}</strong> · channels {b.start}–{b.start + b.size - 1} ·{' '}
              <span data-testid="band-check">
                {first ? 'this is x₀ itself' : diff === 0 ? `identical to ${owner} (max |Δ| = 0)` : `differs from ${owner} by ${diff.toExponential(2)}`}
              </span>
              {w !== undefined ? (
                <span data-testid="band-weight">
                  {' '}
                  · weighted {(w * 100).toFixed(0)}% of the most-weighted group ({weightsName})
                  <span className="ml-1 inline-block h-2 w-16 overflow-hidden rounded-sm bg-slate-200 align-middle dark:bg-slate-700" aria-hidden="true">
                    <span className="block h-full bg-slate-600 dark:bg-slate-300" style={{ width: `${(w * 100).toFixed(1)}%` }} />
                  </span>
                </span>
              ) : null}
            </p>
            <div className="flex flex-wrap gap-1">
              {Array.from({ length: b.size }, (_, i) => (
                <MapTile key={i} map={input} channel={b.start + i} size={tileSize} label={`${name}, channel ${i + 1} (input channel ${b.start + i})`} />
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
