import { formatCount, formatMs } from '@/lib/format';
import { describeSwap, type RankedName, type Rankings } from '@/lib/widgets/lineup/table';

function RankList({ title, items, format, testId }: { title: string; items: readonly RankedName[]; format: (v: number) => string; testId: string }) {
  return (
    <div className="min-w-0">
      <p className="text-[12px] font-medium text-slate-700 dark:text-slate-300">{title}</p>
      <ol className="mt-1 space-y-0.5 text-[13px]" data-testid={testId}>
        {items.map((it) => (
          <li key={it.id} data-model={it.id} className="flex gap-2 tabular-nums">
            <span className="w-4 shrink-0 text-right text-slate-600 dark:text-slate-400">{it.rank}.</span>
            <span className="min-w-0 flex-1">{it.name}</span>
            <span className="shrink-0 text-slate-600 dark:text-slate-400">{format(it.value)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The line-up ranked by MACs and by measured time, and the pairs the two orders swap. */
export function LineupRankings({ rankings, size, backend }: { readonly rankings: Rankings | null; readonly size: number; readonly backend: string | null }) {
  if (!rankings) {
    return (
      <p className="mt-3 text-[13px] text-slate-600 dark:text-slate-400" data-testid="lineup-swaps">
        Measure to rank the five by time next to their ranking by MACs at {size}×{size}.
      </p>
    );
  }
  const { byMacs, byTime, swapped, tau } = rankings;
  const pairs = (byMacs.length * (byMacs.length - 1)) / 2;
  return (
    <div className="mt-4 space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        <RankList title={`Fewest MACs first (${size}×${size})`} items={byMacs} format={(v) => formatCount(v)} testId="rank-macs" />
        <RankList title={`Fastest first (${backend ?? 'this device'})`} items={byTime} format={(v) => formatMs(v)} testId="rank-time" />
      </div>
      <div className="rounded-lg bg-slate-50 px-3 py-2 text-[13px] dark:bg-slate-800/60" data-testid="lineup-swaps" data-swaps={swapped.length}>
        {swapped.length === 0 ? (
          <p>Here the two rankings agree: every model with fewer MACs also took less time (Kendall τ = {tau.toFixed(2)}).</p>
        ) : (
          <>
            <p>
              The rankings swap {swapped.length} pair{swapped.length === 1 ? '' : 's'} of the {pairs} (Kendall τ = {tau.toFixed(2)}; 1 would be the same order):
            </p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {swapped.map((p) => (
                <li key={`${p.fewer.id}-${p.more.id}`} data-pair={`${p.fewer.id},${p.more.id}`}>
                  {describeSwap(p)}.
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
