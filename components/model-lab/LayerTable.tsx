'use client';

import { useMemo, useState } from 'react';
import { type Cost, type Graph, describeOp } from '@/lib/arch';
import { formatField, receptiveFields } from '@/lib/arch/receptive-field';
import { formatBytes, formatCount, formatSig, NO_VALUE } from '@/lib/format';

type Key = 'index' | 'name' | 'op' | 'rf' | 'params' | 'macs' | 'memBytes' | 'ms';

interface Row {
  readonly index: number;
  readonly name: string;
  readonly op: string;
  readonly out: string;
  /** Theoretical receptive-field height in input pixels (the sort key). */
  readonly rf: number;
  readonly rfText: string;
  readonly params: number;
  readonly macs: number;
  readonly memBytes: number;
  readonly ms: number | null;
  /** The step whose fused kernel computed this node (BN, activation folded into a conv). */
  readonly fusedInto: string | null;
}

const COLUMNS: ReadonlyArray<{ key: Key; label: string; numeric: boolean }> = [
  { key: 'index', label: '#', numeric: true },
  { key: 'name', label: 'Layer', numeric: false },
  { key: 'op', label: 'Op', numeric: false },
  { key: 'rf', label: 'RF', numeric: true },
  { key: 'params', label: 'Params', numeric: true },
  { key: 'macs', label: 'MACs', numeric: true },
  { key: 'memBytes', label: 'Bytes', numeric: true },
  { key: 'ms', label: 'ms', numeric: true },
];

/**
 * Every layer of the graph in an accessible, sortable table. Selecting a row selects the same node
 * in the graph (the selection lives in the page's URL). RF is the theoretical receptive field
 * (lib/arch/receptive-field.ts): input pixels one output cell sees, and the jump between cells.
 */
export function LayerTable({
  graph,
  perNode,
  times,
  fusedInto = null,
  selected,
  onSelect,
}: {
  graph: Graph;
  perNode: ReadonlyMap<string, Cost>;
  times: ReadonlyMap<string, number> | null;
  /** Node → the profiled step that computed it inside its fused kernel. */
  fusedInto?: ReadonlyMap<string, string> | null;
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: 'index', dir: 1 });
  const fields = useMemo(() => receptiveFields(graph), [graph]);
  const rows = useMemo<Row[]>(
    () =>
      graph.nodes.map((n, index) => {
        const c = perNode.get(n.name);
        const f = fields.get(n.name)!;
        return {
          index,
          name: n.name,
          op: describeOp(n.op),
          out: `[${n.outShape.join(', ')}]`,
          // A global field (the whole image) sorts above every local one, however wide.
          rf: f.global ? Number.MAX_SAFE_INTEGER : f.rf[0],
          rfText: formatField(f),
          params: c?.params ?? 0,
          macs: c?.macs ?? 0,
          memBytes: c?.memBytes ?? 0,
          ms: times?.get(n.name) ?? null,
          fusedInto: fusedInto?.get(n.name) ?? null,
        };
      }),
    [graph, fields, perNode, times, fusedInto],
  );
  const sorted = useMemo(() => {
    const out = [...rows];
    out.sort((a, b) => {
      const x = a[sort.key] ?? -1;
      const y = b[sort.key] ?? -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sort.dir;
    });
    return out;
  }, [rows, sort]);

  return (
    <div className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-xs tabular-nums">
        <caption className="sr-only">Layers of {graph.id}; choose a layer to select it in the graph</caption>
        <thead className="sticky top-0 bg-slate-50 text-left dark:bg-slate-900">
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                className={`px-2 py-1.5 ${c.numeric ? 'text-right' : ''}`}
              >
                <button
                  type="button"
                  className="font-semibold hover:text-accent-600 dark:hover:text-accent-300"
                  onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? (-s.dir as 1 | -1) : 1 }))}
                >
                  {c.label}
                  <span aria-hidden="true" className="ml-0.5 text-slate-400">
                    {sort.key === c.key ? (sort.dir === 1 ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const isSel = r.name === selected;
            return (
              <tr
                key={r.name}
                aria-selected={isSel}
                className={`border-t border-slate-100 dark:border-slate-800 ${isSel ? 'bg-accent-100 dark:bg-accent-700/30' : 'hover:bg-slate-50 dark:hover:bg-slate-900'}`}
              >
                <td className="px-2 py-1 text-right text-slate-600 dark:text-slate-400">{r.index}</td>
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  <button
                    type="button"
                    onClick={() => onSelect(r.name)}
                    className="break-all text-left font-mono text-[11px] text-accent-700 hover:underline dark:text-accent-300"
                    aria-pressed={isSel}
                  >
                    {r.name}
                  </button>
                  <span className="block text-[10px] text-slate-600 dark:text-slate-400">{r.out}</span>
                </th>
                <td className="px-2 py-1 text-slate-600 dark:text-slate-300">{r.op}</td>
                <td className="whitespace-nowrap px-2 py-1 text-right">{r.rfText}</td>
                <td className="px-2 py-1 text-right">{r.params ? formatCount(r.params) : NO_VALUE}</td>
                <td className="px-2 py-1 text-right">{r.macs ? formatCount(r.macs) : NO_VALUE}</td>
                <td className="px-2 py-1 text-right">{formatBytes(r.memBytes)}</td>
                <td className="px-2 py-1 text-right">
                  {r.ms !== null ? (
                    formatSig(r.ms)
                  ) : r.fusedInto ? (
                    <span className="text-slate-600 dark:text-slate-400" title={`Computed inside ${r.fusedInto}'s fused kernel: its time is in that step's`}>
                      in {r.fusedInto}
                    </span>
                  ) : (
                    NO_VALUE
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
