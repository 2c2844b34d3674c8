'use client';

import { DataTable } from '@/components/ui/DataTable';
import { TableHead } from '@/components/ui/TableHead';
import { formatPercent } from '@/lib/format';

export interface ConfusionMatrixProps {
  /** confusion[true][predicted], counts. */
  readonly confusion: readonly (readonly number[])[];
  /** What was evaluated, for the caption ("the whole test split (2,000 images) after 200 steps"). */
  readonly what: string;
}

/**
 * The confusion matrix as a table (rows: the true digit, columns: the prediction), each cell
 * shaded by its share of the row, so a screen reader reads the same counts a sighted reader sees.
 */
export function ConfusionMatrix({ confusion, what }: ConfusionMatrixProps) {
  const classes = confusion.length;
  return (
    <DataTable
      caption={`Confusion matrix: ${what}. Rows: true digit; columns: predicted digit.`}
      className="min-w-[22rem] text-[11px] tabular-nums"
      figureTestId="confusion-matrix"
    >
      <TableHead
        columns={[{ label: 'true digit', srOnly: true }, ...Array.from({ length: classes }, (_, c) => ({ label: `→${c}`, align: 'right' as const }))]}
      />
      <tbody>
        {confusion.map((row, t) => {
          const total = row.reduce((a, b) => a + b, 0) || 1;
          return (
            <tr key={t} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-0.5 pr-2 text-left font-medium">
                {t}
              </th>
              {row.map((n, p) => {
                const share = n / total;
                const diagonal = t === p;
                // Diagonal (correct) in the accent colour, errors in red; the number is always there.
                const bg = n === 0 ? undefined : diagonal ? `rgba(36, 88, 184, ${0.12 + 0.5 * share})` : `rgba(213, 94, 0, ${0.15 + 0.6 * share})`;
                return (
                  <td
                    key={p}
                    className="px-1 py-0.5 text-right"
                    style={{ background: bg }}
                    title={`true ${t}, predicted ${p}: ${n} (${formatPercent(share)} of the ${t}s)`}
                  >
                    {n}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
