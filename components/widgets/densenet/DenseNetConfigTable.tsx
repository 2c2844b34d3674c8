/**
 * The ImageNet DenseNet configurations, rendered on the server from the spec: blocks, growth rate,
 * depth, parameters and MACs computed by lib/arch, next to the paper's Table 3 errors.
 */
import { densenetConfigRows } from '@/lib/widgets/densenet-configs/rows';
import { formatCount } from '@/lib/format';
import { DataTable } from '@/components/ui/DataTable';
import { TableHead } from '@/components/ui/TableHead';

export function DenseNetConfigTable() {
  const rows = densenetConfigRows();
  return (
    <DataTable
      context="page"
      caption={
        <>
          ImageNet DenseNet-BC models (θ = 0.5, 4k bottleneck, 224×224 input). Params and MACs: computed from the spec on this site. Errors: the paper’s Table
          3, single-crop / 10-crop.
        </>
      }
      className="min-w-[620px] text-[13px] tabular-nums"
    >
      <TableHead context="page" columns={['Model', 'k', 'Layers per block', 'Params', 'MACs', 'Top-1 error', 'Top-5 error']} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="border-b border-slate-100 dark:border-slate-800" data-model={r.id ?? r.name}>
            <th scope="row" className="py-1.5 pr-3 font-medium">
              {r.id ? (
                <a href={`/models/${r.id}`} className="text-accent-600 underline-offset-2 hover:underline dark:text-accent-300">
                  {r.name}
                </a>
              ) : (
                r.name
              )}
            </th>
            <td className="py-1.5 pr-3">{r.growthRate}</td>
            <td className="py-1.5 pr-3">{r.blocks.join(' – ')}</td>
            <td className="py-1.5 pr-3" data-testid="params">
              {formatCount(r.params)}
            </td>
            <td className="py-1.5 pr-3" data-testid="macs">
              {formatCount(r.macs)}
            </td>
            <td className="py-1.5 pr-3">{r.paper ? `${r.paper.top1[0].toFixed(2)} / ${r.paper.top1[1].toFixed(2)} %` : 'not in the paper'}</td>
            <td className="py-1.5">{r.paper ? `${r.paper.top5[0].toFixed(2)} / ${r.paper.top5[1].toFixed(2)} %` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
