import { formatBytes, formatCount } from '@/lib/format';
import type { Cost, Graph } from '@/lib/arch';

/** The headline counts of the current network, announced politely when a knob changes them. */
export function Totals({ graph, total }: { graph: Graph; total: Cost }) {
  const items: Array<[string, string, string]> = [
    ['Parameters', formatCount(total.params), total.params.toLocaleString('en-US')],
    ['MACs', formatCount(total.macs), total.macs.toLocaleString('en-US')],
    ['FLOPs (2 × MACs)', formatCount(total.flops), total.flops.toLocaleString('en-US')],
    ['Memory access', formatBytes(total.memBytes), `${total.memBytes.toLocaleString('en-US')} bytes`],
    ['Input', `${graph.input[1]}×${graph.input[2]}`, `3×${graph.input[1]}×${graph.input[2]}`],
    ['Layers', String(graph.nodes.length), `${graph.nodes.length} nodes`],
  ];
  return (
    <dl aria-live="polite" aria-label="Totals" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {items.map(([k, v, exact]) => (
        <div key={k} className="rounded-lg bg-slate-50 px-3 py-2 dark:bg-slate-900">
          <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900 dark:text-white" title={exact} data-total={k}>
            {v}
          </dd>
        </div>
      ))}
    </dl>
  );
}
