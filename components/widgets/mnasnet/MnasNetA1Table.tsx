import Link from 'next/link';
import { A1_PAPER, a1Table } from './a1-table';
import { DataTable } from '@/components/ui/DataTable';
import { TableHead } from '@/components/ui/TableHead';
import { formatCount, formatMillions } from '@/lib/format';

/**
 * MnasNet-A1 block by block (the paper's Fig. 7(a)), rendered from the spec (a server component).
 * Identity skips apply where a layer keeps its stride 1 and its width, i.e. on every layer of a
 * block but the first one that changes resolution or width.
 */
export function MnasNetA1Table() {
  const { rows, total } = a1Table();
  const cell = 'px-2 py-1 text-right tabular-nums';
  const head = 'px-2 py-1 text-left font-medium';
  return (
    <DataTable
      context="page"
      figureTestId="mnasnet-a1-table"
      className="min-w-[36rem] text-sm"
      caption={
        <>
          MnasNet-A1 at 224×224, built from the spec (
          <Link href="/models/mnasnet_a1" className="text-accent-700 underline dark:text-accent-300">
            model lab
          </Link>
          ). Output resolution and channels after each block; parameters and multiply-adds per block.
        </>
      }
    >
      <TableHead
        context="page"
        columns={['Block', 'Op', ...['Kernel', 'SE', 'Layers', 'Stride', 'Output', 'Params', 'MACs'].map((label) => ({ label, align: 'right' as const }))]}
      />
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="border-b border-slate-100 dark:border-slate-800" data-testid={`a1-row-${r.name}`}>
            <th scope="row" className={head}>
              {r.name}
            </th>
            <td className="px-2 py-1">{r.op}</td>
            <td className={cell}>{r.kernel}</td>
            <td className={cell}>{r.se ? '0.25' : '–'}</td>
            <td className={cell}>{r.layers}</td>
            <td className={cell}>{r.stride}</td>
            <td className={`${cell} whitespace-nowrap`}>
              {r.resolution}² × {r.channels}
            </td>
            <td className={cell}>{formatCount(r.params)}</td>
            <td className={cell}>{formatMillions(r.macs)}</td>
          </tr>
        ))}
        <tr className="font-medium">
          <th scope="row" className={head} colSpan={7}>
            Total, spec{' '}
            <span className="font-normal text-slate-500 dark:text-slate-400">
              (paper: {A1_PAPER.paramsM}M params, {A1_PAPER.macsM}M multiply-adds)
            </span>
          </th>
          <td className={cell} data-testid="a1-total-params">
            {formatMillions(total.params, 2)}
          </td>
          <td className={cell} data-testid="a1-total-macs">
            {formatMillions(total.macs)}
          </td>
        </tr>
      </tbody>
    </DataTable>
  );
}
