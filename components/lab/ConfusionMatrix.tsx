import { useMemo } from 'react';
import { DataTable } from '@/components/ui/DataTable';
import { TableHead } from '@/components/ui/TableHead';
import { formatPercent } from '@/lib/format';
import { classRecall, confusionCells } from '@/lib/lab/confusion';

export interface ConfusionMatrixProps {
  /** confusion[true][predicted], counts (lib/train/types.ts EvalReport). */
  readonly confusion: readonly (readonly number[])[];
  /** Class names, one per row (default 0, 1, …). */
  readonly labels?: readonly string[];
  /** What was evaluated, for the caption. */
  readonly what: string;
}

/**
 * The confusion matrix as a table heat map: rows are the true class, columns the prediction, each
 * cell shaded by its share of the row (lib/lab/confusion.ts) with its count written in it, so a
 * screen reader reads the same numbers a sighted reader sees; the last column is the class's recall.
 */
export function ConfusionMatrix({ confusion, labels, what }: ConfusionMatrixProps) {
  const cells = useMemo(() => confusionCells(confusion), [confusion]);
  const recall = useMemo(() => classRecall(confusion), [confusion]);
  const name = (i: number) => labels?.[i] ?? String(i);
  return (
    <DataTable
      caption={`Confusion matrix: ${what}. Rows: true class; columns: predicted class; shade: share of the row.`}
      className="min-w-[26rem] text-[11px] tabular-nums"
      figureTestId="confusion-matrix"
    >
      <TableHead
        columns={[
          { label: 'true ↓ / predicted →' },
          ...confusion.map((_, c) => ({ label: name(c), align: 'right' as const })),
          { label: 'right', align: 'right' as const },
        ]}
      />
      <tbody>
        {cells.map((row, t) => (
          <tr key={t} className="border-b border-slate-100 dark:border-slate-800">
            <th scope="row" className="py-0.5 pr-2 text-left font-medium">
              {name(t)}
            </th>
            {row.map((c, p) => (
              <td
                key={p}
                className={`px-1 py-0.5 text-right ${c.fill ? (c.ink === 'light' ? 'text-white' : 'text-black') : 'text-slate-500 dark:text-slate-400'}`}
                style={c.fill ? { background: c.fill } : undefined}
                title={`true ${name(t)}, predicted ${name(p)}: ${c.count} (${formatPercent(c.share)} of the ${name(t)}s)`}
              >
                {c.count}
              </td>
            ))}
            <td className="py-0.5 pl-2 text-right text-slate-700 dark:text-slate-300">{formatPercent(recall[t])}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
