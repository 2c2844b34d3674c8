import { DataTable } from '@/components/ui/DataTable';
import { TableHead } from '@/components/ui/TableHead';
import { hintClass } from '@/components/ui/styles';
import { formatBytes, formatCount, formatMs } from '@/lib/format';
import type { LineupRow } from '@/lib/widgets/lineup/table';

const link = 'text-accent-700 underline-offset-2 hover:underline dark:text-accent-300';
const num = 'whitespace-nowrap py-1.5 pr-2 text-right';

/** The line-up side by side: the spec's counts, the paper's accuracy (cited), this device's time. */
export function LineupTable({ rows, size }: { readonly rows: readonly LineupRow[]; readonly size: number }) {
  const other = size !== 224;
  return (
    <DataTable
      caption={
        <>
          Params, MACs and memory: computed from the spec (torchvision’s layouts; MnasNet-A1 as the paper’s Fig. 7), memory in float32 for one 224×224 image:
          the most activations alive at once in inference, and every layer’s output, which a naive training step keeps for the backward pass. Top-1: ImageNet
          validation, one 224×224 crop, as each paper reports it with its own training recipe, so the column is not a controlled comparison. Time: median on
          this device at {size}×{size}.
        </>
      }
      className="min-w-[40rem] text-xs tabular-nums"
      tableData={{ 'data-testid': 'lineup-table' }}
    >
      <TableHead
        columns={[
          'Model, year and idea',
          { label: 'Params', align: 'right' },
          { label: 'MACs at 224', align: 'right' },
          ...(other ? [{ label: `MACs at ${size}`, align: 'right' as const }] : []),
          { label: 'Inference peak', align: 'right' },
          { label: 'All outputs', align: 'right' },
          { label: 'Paper top-1', align: 'right' },
          { label: 'This device', align: 'right' },
        ]}
      />
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-model={r.id} className="border-b border-slate-100 align-top dark:border-slate-800">
            <th scope="row" className="py-1.5 pr-2 text-left font-medium">
              <a href={`/lessons/${r.lesson}`} className={link}>
                {r.name}
              </a>
              <span className={`block font-normal ${hintClass}`}>
                {r.year} · {r.idea}
              </span>
            </th>
            <td className={num} data-testid={`params-${r.id}`}>
              {formatCount(r.params)}
            </td>
            <td className={num}>{formatCount(r.macs224)}</td>
            {other ? (
              <td className={num} data-testid={`macs-${r.id}`}>
                {formatCount(r.macs)}
              </td>
            ) : null}
            <td className={num}>{formatBytes(r.peakBytes224)}</td>
            <td className={num} data-testid={`outputs-${r.id}`}>
              {formatBytes(r.outputBytes224)}
            </td>
            <td className="py-1.5 pr-2 text-right">
              <span className="whitespace-nowrap">{r.paperTop1}%</span>
              <a href={r.source.href} className={`block whitespace-nowrap text-[11px] ${link}`}>
                {r.source.label}
              </a>
              {r.source.note ? <span className={`block ${hintClass}`}>{r.source.note}</span> : null}
            </td>
            <td className="whitespace-nowrap py-1.5 text-right" data-testid={`ms-${r.id}`}>
              {r.ms === null ? '—' : formatMs(r.ms)}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
