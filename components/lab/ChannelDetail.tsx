'use client';

import type { ReactNode } from 'react';
import { DescriptionList } from '@/components/ui/DescriptionList';
import { GradientLegend } from '@/components/ui/GradientLegend';
import { smallButtonClass } from '@/components/ui/styles';
import { formatPercent, formatSig } from '@/lib/format';
import { type ChannelStats, type ColourScaleKind, colourLut } from '@/lib/lab/featuremap-display';

/** The selected channel shown large (its tile, a cell picker when given) with its statistics. */
export function ChannelDetail({
  title,
  stats,
  tile,
  onClose,
}: {
  title: string;
  stats: ChannelStats;
  /** The channel's tile, large (a cell picker). */
  tile: ReactNode;
  onClose: () => void;
}) {
  const rows: Array<[string, string]> = [
    ['min', formatSig(stats.min)],
    ['max', formatSig(stats.max)],
    ['mean', formatSig(stats.mean)],
    ['std', formatSig(stats.std)],
    ['zeros', formatPercent(stats.zeroFraction)],
  ];
  return (
    <div className="space-y-1.5 text-sm" data-testid="channel-detail">
      <div className="flex items-center justify-between">
        <span className="font-semibold text-slate-900 dark:text-white">{title}</span>
        <button type="button" className={smallButtonClass} onClick={onClose} aria-label="Close channel details">
          ×
        </button>
      </div>
      {tile}
      <DescriptionList className="tabular-nums" items={rows} />
    </div>
  );
}

/** The feature maps' colour scale (its lookup table, sampled at 11 stops) with its end values, and zero for diverging. */
export function FeatureMapLegend({ scale, domain, caption }: { scale: ColourScaleKind; domain: readonly [number, number]; caption: string }) {
  const lut = colourLut(scale);
  const stops = Array.from({ length: 11 }, (_, i) => {
    const j = Math.round((i / 10) * 255) * 3;
    return { offset: i / 10, color: `rgb(${lut[j]},${lut[j + 1]},${lut[j + 2]})` };
  });
  const ticks = [
    { offset: 0, label: formatSig(domain[0]) },
    ...(scale === 'diverging' ? [{ offset: 0.5, label: '0' }] : []),
    { offset: 1, label: formatSig(domain[1]) },
  ];
  return (
    <GradientLegend
      ariaLabel={`Colour scale: ${scale}, ${formatSig(domain[0])} to ${formatSig(domain[1])}, ${caption}`}
      stops={stops}
      ticks={ticks}
      caption={`${scale === 'diverging' ? 'Diverging: blue negative, white zero, red positive' : 'Sequential (viridis): dark low, yellow high'}; ${caption}`}
    />
  );
}
