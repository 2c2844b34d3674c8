/** The search's five best candidates by reward, each loadable into the block table. */
import { DataTable } from '@/components/ui/DataTable';
import { formatMillions, formatMs, formatPercent } from '@/lib/format';
import type { SearchPoint } from '@/lib/widgets/search-space/search';
import { TableHead } from '@/components/ui/TableHead';

export function SearchBestTable({
  points,
  front,
  disabled,
  onLoad,
}: {
  points: readonly SearchPoint[];
  front: readonly boolean[];
  disabled: boolean;
  onLoad: (p: SearchPoint) => void;
}) {
  const best = [...points].sort((a, b) => b.reward - a.reward).slice(0, 5);
  return (
    <DataTable caption="Best candidates by reward (stand-in accuracy × (latency / T)^−0.07)" className="min-w-[28rem] text-xs">
      <TableHead
        columns={[
          '#',
          { label: 'Latency', align: 'right' },
          { label: 'MACs', align: 'right' },
          { label: 'Stand-in acc.', align: 'right' },
          { label: 'Reward', align: 'right' },
          { label: 'Load', srOnly: true },
        ]}
      />
      <tbody>
        {best.map((p) => (
          <tr key={p.index} className="border-b border-slate-100 dark:border-slate-800">
            <td className="py-1 pr-2 tabular-nums">
              {p.index + 1}
              {front[points.indexOf(p)] ? ' ◆' : ''}
            </td>
            <td className="py-1 pr-2 text-right tabular-nums">{formatMs(p.latencyMs)}</td>
            <td className="py-1 pr-2 text-right tabular-nums">{formatMillions(p.macs)}</td>
            <td className="py-1 pr-2 text-right tabular-nums">{formatPercent(p.accuracy)}</td>
            <td className="py-1 pr-2 text-right font-medium tabular-nums">{p.reward.toFixed(4)}</td>
            <td className="py-1">
              <button
                type="button"
                className="text-accent-700 underline disabled:opacity-50 dark:text-accent-300"
                disabled={disabled}
                onClick={() => onLoad(p)}
              >
                Load #{p.index + 1}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
