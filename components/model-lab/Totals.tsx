import { Stat, StatGrid } from '@/components/ui/Stat';
import { formatBytes, formatCount, formatInt } from '@/lib/format';
import type { Cost, Graph } from '@/lib/arch';

/** The headline counts of the current network, announced politely when a knob changes them. */
export function Totals({ graph, total }: { graph: Graph; total: Cost }) {
  const items: Array<[string, string, string]> = [
    ['Parameters', formatCount(total.params), formatInt(total.params)],
    ['MACs', formatCount(total.macs), formatInt(total.macs)],
    ['FLOPs (2 × MACs)', formatCount(total.flops), formatInt(total.flops)],
    ['Memory access', formatBytes(total.memBytes), `${formatInt(total.memBytes)} bytes`],
    ['Input', `${graph.input[1]}×${graph.input[2]}`, `${graph.input[0]}×${graph.input[1]}×${graph.input[2]}`],
    ['Layers', String(graph.nodes.length), `${graph.nodes.length} nodes`],
  ];
  return (
    <div aria-live="polite" aria-label="Totals" role="group">
      <StatGrid className="lg:grid-cols-6">
        {items.map(([k, v, exact]) => (
          <Stat
            key={k}
            label={k}
            value={
              <span title={exact} data-total={k}>
                {v}
              </span>
            }
          />
        ))}
      </StatGrid>
    </div>
  );
}
