import { DataTable } from '@/components/ui/DataTable';
import { TableHead } from '@/components/ui/TableHead';
import { formatCount, formatFixed, formatMs, formatPercent } from '@/lib/format';
import { leaders, type DigitsRow } from '@/lib/widgets/lineup/table';

/**
 * The trained digits models (one per family, shipped with the site): test accuracy from their
 * training records, per 100k parameters (from the spec) and per millisecond (measured here).
 */
export function DigitsEfficiency({ rows, timed, backend }: { readonly rows: readonly DigitsRow[]; readonly timed: boolean; readonly backend: string | null }) {
  const perParam = new Set(leaders(rows, 'accPer100kParams'));
  const perMs = new Set(leaders(rows, 'accPerMs'));
  const best = new Set(leaders(rows, 'accuracy'));
  const accs = rows.map((r) => r.accuracy);
  const spread = (Math.max(...accs) - Math.min(...accs)) * 100;
  const mark = (on: boolean) => (on ? 'font-semibold text-slate-900 dark:text-white' : '');
  return (
    <DataTable
      caption={
        <>
          The same five families trained on digits (28×28, shipped with this site): test accuracy on the 2,000 held-out digits, from each model’s training
          record; params from the spec; time{' '}
          {timed ? `measured here${backend ? ` (${backend})` : ''}, median` : 'appears after a measurement with the digits models'}. Bold: the best of each
          column. All five are within {formatFixed(spread, 2)} points of each other, so the ratios mostly rank the denominators.
        </>
      }
      className="min-w-[36rem] text-xs tabular-nums"
      tableData={{ 'data-testid': 'digits-table' }}
    >
      <TableHead
        columns={[
          'Digits model',
          { label: 'Test accuracy', align: 'right' },
          { label: 'Params', align: 'right' },
          { label: 'Time', align: 'right' },
          { label: 'Accuracy per 100k params', align: 'right' },
          { label: 'Accuracy per ms', align: 'right' },
        ]}
      />
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-model={r.id} className="border-b border-slate-100 dark:border-slate-800">
            <th scope="row" className="py-1.5 pr-2 text-left font-medium">
              <a href={`/models/${r.id}`} className="font-mono text-accent-700 underline-offset-2 hover:underline dark:text-accent-300">
                {r.id}
              </a>
            </th>
            <td className={`py-1.5 pr-2 text-right ${mark(best.has(r.id))}`}>{formatPercent(r.accuracy, 4)}</td>
            <td className="py-1.5 pr-2 text-right">{formatCount(r.params)}</td>
            <td className="py-1.5 pr-2 text-right" data-testid={`digits-ms-${r.id}`}>
              {r.ms === null ? '—' : formatMs(r.ms)}
            </td>
            <td className={`py-1.5 pr-2 text-right ${mark(perParam.has(r.id))}`}>{formatFixed(r.accPer100kParams, 1)} pts</td>
            <td className={`py-1.5 text-right ${mark(perMs.has(r.id))}`} data-testid={`digits-per-ms-${r.id}`}>
              {r.accPerMs === null ? '—' : `${formatFixed(r.accPerMs, 1)} pts`}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
