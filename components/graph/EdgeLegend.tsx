'use client';

import type { EdgeKind } from '@/lib/graph';
import { EDGE_STYLE } from './edge-styles';

export interface EdgeLegendProps {
  /** Kinds to explain, in display order (the graph passes the kinds its network uses). */
  kinds: readonly EdgeKind[];
  className?: string;
}

/** What each edge style means: a short line drawn exactly like the edges, then the explanation. */
export function EdgeLegend({ kinds, className = '' }: EdgeLegendProps) {
  return (
    <figure className={`text-xs text-slate-600 dark:text-slate-300 ${className}`}>
      <figcaption className="mb-1 font-medium text-slate-800 dark:text-slate-100">Connections</figcaption>
      <ul className="space-y-1">
        {kinds.map((k) => {
          const s = EDGE_STYLE[k];
          return (
            <li key={k} className="flex items-start gap-2">
              <svg width={36} height={12} aria-hidden className="mt-0.5 shrink-0">
                <line x1={2} x2={34} y1={6} y2={6} className={s.stroke} strokeWidth={2} strokeDasharray={s.dash} />
              </svg>
              <span>
                <span className="font-medium text-slate-800 dark:text-slate-100">{s.label}</span>: {s.description}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
