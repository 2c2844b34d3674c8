'use client';

import type { CSSProperties } from 'react';
import type { Field } from '@/lib/arch/receptive-field';
import type { VisibleItem } from '@/lib/graph';
import { cardData } from './card-data';
import { DescriptionList } from '@/components/ui/DescriptionList';

export interface NodeCardProps {
  item: VisibleItem;
  /** Per-node times in ms (profiler); a collapsed group shows the sum over its nodes. */
  times?: ReadonlyMap<string, number>;
  /** Absolute position inside the graph's container (the graph places it next to the item). */
  style?: CSSProperties;
  id?: string;
  /** Theoretical receptive field per node (lib/arch/receptive-field.ts), shown as a row. */
  fields?: ReadonlyMap<string, Field>;
}

/**
 * The hover / keyboard-focus card of an architecture-graph item: shapes in and out, parameters,
 * MACs, FLOPs (= 2×MACs), bytes moved (ShuffleNet v2's memory access cost), the theoretical receptive field and the measured time.
 * Purely informative (pointer-events: none) so it never steals hover from the graph.
 */
export function NodeCard({ item, times, style, id, fields }: NodeCardProps) {
  const data = cardData(item, times, fields);
  return (
    <div
      id={id}
      role="tooltip"
      style={style}
      className="pointer-events-none absolute z-20 w-72 rounded-lg border border-slate-200 bg-white/95 p-3 text-xs shadow-lg backdrop-blur dark:border-slate-700 dark:bg-slate-900/95"
    >
      <p className="break-all font-mono text-[11px] font-semibold text-slate-900 dark:text-slate-100">{data.title}</p>
      <p className="mb-2 text-slate-500 dark:text-slate-400">{data.subtitle}</p>
      <DescriptionList className="tabular-nums" items={data.rows} />
    </div>
  );
}
