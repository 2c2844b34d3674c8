'use client';

/**
 * One model's row of the comparison: the model, its weights (trained, or random and why), its
 * cost from the spec, what it reads the digit as, and the most active channels of its comparable
 * layer for this digit. Until its model has run, the row holds the spec's numbers only.
 */
import Link from 'next/link';
import { MapTile } from '@/components/widgets/densenet/MapTile';
import { formatCount, formatPercent } from '@/lib/format';
import { DIGIT_CLASSES } from '@/lib/lab/digits-input';
import { topChannels } from '@/lib/models/compare-digits/channels';
import type { CompareRow } from '@/lib/models/compare-digits/run';

/** Channels shown per row: enough to see a pattern, few enough for a phone. */
export const SHOWN_CHANNELS = 8;

export interface CompareRowViewProps {
  readonly id: string;
  readonly description: string;
  readonly params: number;
  readonly macs: number;
  /** What the layer is, before a run ("layer2, stage 2 of 2"). */
  readonly layerText: string;
  readonly row: CompareRow | null;
}

function weightsText(row: CompareRow): string {
  const w = row.weights;
  if (w.kind === 'trained') return w.testAccuracy !== null ? `trained (${formatPercent(w.testAccuracy)} on the test digits)` : 'trained';
  return `random weights (seed ${w.seed}): ${w.reason}`;
}

export function CompareRowView({ id, description, params, macs, layerText, row }: CompareRowViewProps) {
  const map = row?.map;
  const shown = map && map.layout === 'NCHW' ? topChannels(map, SHOWN_CHANNELS) : [];
  const p = row ? row.probabilities[row.predicted] : null;
  return (
    <tr className="border-b border-slate-100 align-top dark:border-slate-800" data-testid="compare-row" data-model={id} data-done={row ? '' : undefined}>
      <th scope="row" className="py-2 pr-3 text-left font-normal">
        <Link href={`/models/${id}`} className="font-mono text-link">
          {id}
        </Link>
        <span className="block max-w-[16rem] text-[11px] text-slate-500 dark:text-slate-400">{description}</span>
      </th>
      <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">{formatCount(params)}</td>
      <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">{formatCount(macs)}</td>
      <td className="w-44 py-2 pr-3" data-testid="compare-prediction">
        {row ? (
          <>
            <span className="text-xl font-semibold tabular-nums">{DIGIT_CLASSES[row.predicted]}</span> <span className="tabular-nums">{formatPercent(p)}</span>
            <ProbabilityBars probabilities={row.probabilities} />
            <span
              className={`block text-[11px] ${row.weights.kind === 'random' ? 'text-amber-800 dark:text-amber-200' : 'text-slate-500 dark:text-slate-400'}`}
            >
              {weightsText(row)}
            </span>
          </>
        ) : (
          '—'
        )}
      </td>
      <td className="py-2">
        <span className="block text-[11px] text-slate-500 dark:text-slate-400">
          {layerText}
          {map ? ` · ${map.shape.slice(1).join('×')}` : ''}
        </span>
        {map ? (
          <div className="mt-1 flex gap-1" role="group" aria-label={`${id}: the ${shown.length} most active channels of ${row.layer.stage}`}>
            {shown.map((c) => (
              <MapTile
                key={c.channel}
                map={map}
                channel={c.channel}
                size={40}
                label={`${id}, channel ${c.channel} (mean |activation| ${c.meanAbs.toPrecision(3)})`}
              />
            ))}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/** Ten small bars, one per class; the picture is for the eye, the label says the top three. */
function ProbabilityBars({ probabilities }: { probabilities: readonly number[] }) {
  const top = probabilities
    .map((v, i) => [v, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3)
    .map(([v, i]) => `${DIGIT_CLASSES[i]} ${formatPercent(v)}`)
    .join(', ');
  return (
    <span className="mt-1 flex h-8 items-end gap-px" role="img" aria-label={`Class probabilities, highest: ${top}`}>
      {probabilities.map((v, i) => (
        <span key={i} className="flex w-3 flex-col items-center text-[9px] leading-none text-slate-500 dark:text-slate-400">
          <span className="block w-full rounded-t-sm bg-accent-500" style={{ height: `${Math.max(1, v * 22)}px` }} />
          {i}
        </span>
      ))}
    </span>
  );
}
