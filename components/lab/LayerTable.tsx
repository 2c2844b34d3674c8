'use client';

import { useState } from 'react';
import { formatGflops, formatMacs, formatMs, formatPercent, formatSig, NO_VALUE } from '@/lib/format';
import { OP_KIND_LABELS, kindColour } from '@/lib/lab/op-kind';
import { type ProfileRow, type RowSortKey, defaultDescending, sortRows } from '@/lib/lab/profile-stats';

export interface LayerTableProps {
  readonly rows: readonly ProfileRow[];
  readonly highlight: string | null;
  readonly onHighlight?: (layer: string | null) => void;
}

const COLUMNS: ReadonlyArray<{ key: RowSortKey; label: string; numeric: boolean }> = [
  { key: 'order', label: '#', numeric: true },
  { key: 'name', label: 'Layer', numeric: false },
  { key: 'kind', label: 'Kind', numeric: false },
  { key: 'macs', label: 'MACs', numeric: true },
  { key: 'ms', label: 'Time', numeric: true },
  { key: 'gflops', label: 'Achieved', numeric: true },
  { key: 'intensity', label: 'FLOP/B', numeric: true },
  { key: 'rooflineFraction', label: 'Of roof', numeric: true },
];

/** Every step's MACs, time, achieved GFLOP/s, intensity and share of its roofline bound; sortable by any column. */
export function LayerTable({ rows, highlight, onHighlight }: LayerTableProps) {
  const [sort, setSort] = useState<{ key: RowSortKey; desc: boolean }>({ key: 'ms', desc: true });
  const sorted = sortRows(rows, sort.key, sort.desc);
  const order = new Map(rows.map((r, i) => [r.name, i]));
  return (
    <div className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800" tabIndex={0} aria-label="Per-layer measurements (scrollable)">
      <table className="w-full border-collapse text-left text-xs tabular-nums" data-testid="layer-table">
        <caption className="sr-only">
          Per-layer MACs, measured time, achieved GFLOP/s (FLOPs per second), arithmetic intensity (FLOP per byte) and the share of this device’s roofline bound
          reached
        </caption>
        <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                className={`px-2 py-1 font-semibold ${c.numeric ? 'text-right' : ''}`}
              >
                <button
                  type="button"
                  className="hover:underline"
                  onClick={() => setSort((s) => (s.key === c.key ? { key: c.key, desc: !s.desc } : { key: c.key, desc: defaultDescending(c.key) }))}
                >
                  {c.label}
                  {sort.key === c.key ? (sort.desc ? ' ↓' : ' ↑') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr
              key={r.name}
              data-row-layer={r.name}
              onMouseEnter={() => onHighlight?.(r.name)}
              onMouseLeave={() => onHighlight?.(null)}
              className={`border-t border-slate-100 dark:border-slate-800 ${r.name === highlight ? 'bg-accent-50 dark:bg-accent-700/30' : ''}`}
            >
              <td className="px-2 py-0.5 text-right text-slate-500 dark:text-slate-400">{(order.get(r.name) ?? 0) + 1}</td>
              <td className="max-w-[16rem] truncate px-2 py-0.5 font-mono" title={r.name}>
                <button
                  type="button"
                  className="max-w-full truncate text-left hover:underline"
                  onFocus={() => onHighlight?.(r.name)}
                  onBlur={() => onHighlight?.(null)}
                  onClick={() => onHighlight?.(r.name)}
                >
                  {r.name}
                </button>
                {r.nodes.length > 1 && <span className="block truncate text-[10px] text-slate-600 dark:text-slate-400">+ {r.nodes.slice(1).join(', ')}</span>}
              </td>
              <td className="whitespace-nowrap px-2 py-0.5">
                <span aria-hidden="true" className="mr-1 inline-block h-2 w-2 rounded-full" style={{ background: kindColour(r.kind) }} />
                {OP_KIND_LABELS[r.kind]}
              </td>
              <td className="whitespace-nowrap px-2 py-0.5 text-right">{r.macs > 0 ? formatMacs(r.macs) : '0'}</td>
              <td className="whitespace-nowrap px-2 py-0.5 text-right">{formatMs(r.ms)}</td>
              <td className="whitespace-nowrap px-2 py-0.5 text-right">{r.flops > 0 ? formatGflops(r.gflops) : NO_VALUE}</td>
              <td className="whitespace-nowrap px-2 py-0.5 text-right">{Number.isFinite(r.intensity) ? formatSig(r.intensity) : NO_VALUE}</td>
              <td className="whitespace-nowrap px-2 py-0.5 text-right" title={r.bound ? `${r.bound}-bound on this device` : undefined}>
                {formatPercent(r.rooflineFraction)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
