import type { ReactNode } from 'react';

/** How an entry is drawn: a filled dot or square in a colour, or a short line styled like the chart's. */
export type Swatch =
  | { readonly shape: 'dot' | 'square'; readonly color: string; readonly hollow?: boolean }
  | { readonly shape: 'line'; readonly className?: string; readonly color?: string; readonly dash?: string };

export interface LegendItem {
  readonly key: string;
  readonly swatch: Swatch;
  readonly label: ReactNode;
  /** Said after the label ("Dense: every earlier output, concatenated"). */
  readonly description?: ReactNode;
}

export interface LegendProps {
  readonly items: readonly LegendItem[];
  readonly title?: ReactNode;
  /** 'inline' wraps entries on one line (a chart's key); 'list' gives each its own line with its description. */
  readonly layout?: 'inline' | 'list';
  readonly className?: string;
  /** Text after the entries, e.g. a note on how the points were measured. */
  readonly note?: ReactNode;
}

function SwatchMark({ swatch }: { swatch: Swatch }) {
  if (swatch.shape === 'line') {
    return (
      <svg width={36} height={12} aria-hidden="true" className="mt-0.5 shrink-0">
        <line x1={2} x2={34} y1={6} y2={6} className={swatch.className} stroke={swatch.color} strokeWidth={2} strokeDasharray={swatch.dash} />
      </svg>
    );
  }
  const round = swatch.shape === 'dot' ? 'rounded-full' : 'rounded-sm';
  return (
    <span
      aria-hidden="true"
      className={`mt-0.5 inline-block h-3 w-3 shrink-0 ${round}`}
      style={swatch.hollow ? { border: `2px solid ${swatch.color}` } : { background: swatch.color }}
    />
  );
}

/**
 * One legend for every chart and graph: what each colour or line style means. Swatches are
 * decoration (aria-hidden); the entry's text carries the meaning, so colour is never the only cue.
 */
export function Legend({ items, title, layout = 'inline', className = '', note }: LegendProps) {
  const inline = layout === 'inline';
  return (
    <div className={`text-xs text-slate-700 dark:text-slate-300 ${className}`}>
      {title ? <p className="mb-1 font-medium text-slate-900 dark:text-slate-100">{title}</p> : null}
      <ul className={inline ? 'flex flex-wrap gap-x-4 gap-y-1' : 'space-y-1'}>
        {items.map((it) => (
          <li key={it.key} className="flex items-start gap-1.5">
            <SwatchMark swatch={it.swatch} />
            <span>
              {it.description ? <span className="font-medium text-slate-900 dark:text-slate-100">{it.label}</span> : it.label}
              {it.description ? <>: {it.description}</> : null}
            </span>
          </li>
        ))}
        {note ? <li>{note}</li> : null}
      </ul>
    </div>
  );
}
