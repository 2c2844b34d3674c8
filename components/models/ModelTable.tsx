'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { formatCount, formatInt } from '@/lib/format';
import type { ModelRow } from '@/lib/models/catalog';

type Key = 'id' | 'familyName' | 'input' | 'year' | 'params' | 'macs' | 'flops' | 'depth';
const COLUMNS: ReadonlyArray<{ key: Key; label: string; numeric: boolean }> = [
  { key: 'id', label: 'Model', numeric: false },
  { key: 'familyName', label: 'Family', numeric: false },
  // Counts are at the model's own input: a digits model's MACs are for a 28×28 digit.
  { key: 'input', label: 'Input', numeric: false },
  { key: 'year', label: 'Year', numeric: true },
  { key: 'params', label: 'Params', numeric: true },
  { key: 'macs', label: 'MACs', numeric: true },
  { key: 'flops', label: 'FLOPs', numeric: true },
  { key: 'depth', label: 'Depth', numeric: true },
];

/** Every registered model, sortable by any column (click or Enter on a header). */
export function ModelTable({ rows }: { rows: readonly ModelRow[] }) {
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: 'macs', dir: 1 });
  const sorted = useMemo(() => {
    const out = [...rows];
    out.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sort.dir;
    });
    return out;
  }, [rows, sort]);

  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
      <table className="w-full text-sm tabular-nums">
        <caption className="sr-only">Registered models; column headers sort the table</caption>
        <thead className="bg-slate-50 text-left dark:bg-slate-900">
          <tr>
            {COLUMNS.map((c) => {
              const active = sort.key === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                  className={`px-3 py-2 font-semibold ${c.numeric ? 'text-right' : ''}`}
                >
                  <button
                    type="button"
                    onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? (-s.dir as 1 | -1) : 1 }))}
                    className="inline-flex items-center gap-1 hover:text-accent-600 dark:hover:text-accent-300"
                  >
                    {c.label}
                    <span aria-hidden="true" className="text-xs text-slate-400">
                      {active ? (sort.dir === 1 ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.id} className="border-t border-slate-200 dark:border-slate-800">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={`/models/${r.id}`} className="text-accent-600 hover:underline dark:text-accent-300">
                  {r.id}
                </Link>
                <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{r.description}</span>
              </th>
              <td className="px-3 py-2">{r.familyName}</td>
              <td className="px-3 py-2 whitespace-nowrap">{r.input}</td>
              <td className="px-3 py-2 text-right">{r.year}</td>
              <td className="px-3 py-2 text-right" title={formatInt(r.params)}>
                {formatCount(r.params)}
              </td>
              <td className="px-3 py-2 text-right" title={formatInt(r.macs)}>
                {formatCount(r.macs)}
              </td>
              <td className="px-3 py-2 text-right">{formatCount(r.flops)}</td>
              <td className="px-3 py-2 text-right">{r.depth}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
