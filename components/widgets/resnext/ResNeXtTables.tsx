/**
 * The ResNeXt paper's tables with this site's spec numbers beside them, rendered on the server:
 * Table 1 (ResNet-50 vs ResNeXt-50 32×4d) and Table 3 (cardinality vs width at equal complexity).
 */
import { ablationRows, PAPER_TABLE1 } from '@/lib/widgets/cardinality-groups/ablation';
import { formatCount } from '@/lib/format';
import { DataTable } from '@/components/ui/DataTable';
import { TableHead } from '@/components/ui/TableHead';

const th = 'py-1.5 pr-3 font-medium';
const link = 'text-accent-600 underline-offset-2 hover:underline dark:text-accent-300';

export function ResNeXtComparisonTable() {
  const rows = ablationRows().filter((r) => r.depth === 50 && (r.C === 1 || r.C === 32));
  const meta = [
    { id: 'resnet50', name: 'ResNet-50', setting: '1×64d', paper: PAPER_TABLE1.resnet50 },
    { id: 'resnext50_32x4d', name: 'ResNeXt-50', setting: '32×4d', paper: PAPER_TABLE1.resnext50_32x4d },
  ];
  return (
    <DataTable
      context="page"
      caption={
        <>
          Paper: Table 1 (params, FLOPs counted as multiply–adds) and Table 3 (top-1 error, ImageNet-1K val, single 224×224 crop). Spec: computed on this site
          (torchvision’s layout, stride on the 3×3 conv).
        </>
      }
      className="min-w-[600px] text-[13px] tabular-nums"
    >
      <TableHead context="page" columns={['Model', 'Setting C×d', 'Params (paper)', 'Params (spec)', 'FLOPs (paper)', 'MACs (spec)', 'Top-1 error']} />
      <tbody>
        {meta.map((m, i) => (
          <tr key={m.id} className="border-b border-slate-100 dark:border-slate-800" data-model={m.id}>
            <th scope="row" className={th}>
              <a href={`/models/${m.id}`} className={link}>
                {m.name}
              </a>
            </th>
            <td className="py-1.5 pr-3 font-mono">{m.setting}</td>
            <td className="py-1.5 pr-3">{formatCount(m.paper.params)}</td>
            <td className="py-1.5 pr-3" data-testid="params">
              {formatCount(rows[i].params)}
            </td>
            <td className="py-1.5 pr-3">{formatCount(m.paper.flops, { digits: 2 })}</td>
            <td className="py-1.5 pr-3" data-testid="macs">
              {formatCount(rows[i].macs)}
            </td>
            <td className="py-1.5">{m.paper.top1.toFixed(1)} %</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function CardinalityAblationTable() {
  const rows = ablationRows();
  return (
    <DataTable
      context="page"
      caption={
        <>
          Cardinality against width at preserved complexity (the paper’s Table 3, top-1 error on ImageNet-1K). Params and MACs: this site’s spec for the same
          settings.
        </>
      }
      className="min-w-[480px] text-[13px] tabular-nums"
    >
      <TableHead context="page" columns={['Network', 'Setting C×d', 'Params (spec)', 'MACs (spec)', 'Top-1 error']} />
      <tbody>
        {rows.map((r) => (
          <tr
            key={`${r.depth}-${r.C}`}
            className={`border-b border-slate-100 dark:border-slate-800 ${r.C === 1 && r.depth === 101 ? 'border-t-2 border-t-slate-300 dark:border-t-slate-600' : ''}`}
          >
            <th scope="row" className={th}>
              {r.C === 1 ? `ResNet-${r.depth}` : `ResNeXt-${r.depth}`}
            </th>
            <td className="py-1.5 pr-3 font-mono">
              {r.C}×{r.d}d
            </td>
            <td className="py-1.5 pr-3">{formatCount(r.params)}</td>
            <td className="py-1.5 pr-3">{formatCount(r.macs)}</td>
            <td className="py-1.5">{r.top1.toFixed(1)} %</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
