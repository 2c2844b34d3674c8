'use client';

import { memo, type ReactNode } from 'react';
import { textColorFor, type GraphLayout, type PositionedFrame, type PositionedItem } from '@/lib/graph';
import { EDGE_STYLE } from './edge-styles';
import { EXPAND_ALL_SIZE, type FocusEntry } from './navigation';
import { ariaLabelOf, frameLabelOf, groupName } from './card-data';
import { drawnFrameText, drawnGlyphText } from './glyph-text';

export interface GraphSceneProps {
  layout: GraphLayout;
  entries: readonly FocusEntry[];
  /** Fill per item id (null: neutral theme fill). */
  fills: ReadonlyMap<string, string | null>;
  selected: string | null;
  /** Prefix of the arrow-marker ids (unique per graph on the page). */
  markerPrefix: string;
  headerHeight: number;
}

/**
 * Everything inside the zoom transform. Memoised, and free of per-item callbacks (events are
 * delegated to the svg), so panning and hovering re-render only the transform and the card, not
 * the ~3,000 elements of a fully expanded DenseNet-201.
 */
export const GraphScene = memo(function GraphScene({ layout, entries, fills, selected, markerPrefix, headerHeight }: GraphSceneProps) {
  return (
    <>
      <g aria-hidden>
        {layout.frames.map((f) => (
          <FrameBackground key={f.frame.id} f={f} headerHeight={headerHeight} />
        ))}
      </g>
      <EdgeLayer layout={layout} markerPrefix={markerPrefix} />
      <SelectedEdges layout={layout} markerPrefix={markerPrefix} selected={selected} />
      <g>
        {entries.map((e) => {
          if (e.kind === 'frame') return <FrameHeader key={e.key} f={layout.frames[e.index]} headerHeight={headerHeight} />;
          const p = layout.items[e.index];
          if (e.kind === 'expand-all') return <ExpandAllButton key={e.key} p={p} />;
          return <ItemGlyph key={e.key} p={p} fill={fills.get(p.item.id) ?? null} selected={selected === p.item.id} />;
        })}
      </g>
    </>
  );
});

/** All edges; depends on the layout only, so selecting an item does not re-render thousands of paths. */
const EdgeLayer = memo(function EdgeLayer({ layout, markerPrefix }: { layout: GraphLayout; markerPrefix: string }) {
  return (
    <g aria-hidden className="pointer-events-none" fill="none">
      {layout.edges.map((e) => {
        const s = EDGE_STYLE[e.edge.kind];
        return (
          <path
            key={e.edge.id}
            d={e.path}
            className={s.stroke}
            strokeWidth={1.4}
            strokeDasharray={s.dash}
            strokeOpacity={e.route === 'arc' ? 0.55 : 0.9}
            markerEnd={`url(#${markerPrefix}-${e.edge.kind})`}
          />
        );
      })}
    </g>
  );
});

/** The selected item's edges drawn again on top, thicker: where its input comes from and goes to. */
function SelectedEdges({ layout, markerPrefix, selected }: { layout: GraphLayout; markerPrefix: string; selected: string | null }) {
  if (selected === null) return null;
  return (
    <g aria-hidden className="pointer-events-none" fill="none">
      {layout.edges
        .filter((e) => e.edge.from === selected || e.edge.to === selected)
        .map((e) => {
          const s = EDGE_STYLE[e.edge.kind];
          return (
            <path
              key={e.edge.id}
              d={e.path}
              className={s.stroke}
              strokeWidth={2.75}
              strokeDasharray={s.dash}
              markerEnd={`url(#${markerPrefix}-${e.edge.kind})`}
            />
          );
        })}
    </g>
  );
}

const FRAME_FILL = ['fill-slate-50 dark:fill-slate-900/60', 'fill-white dark:fill-slate-950/60', 'fill-slate-100/70 dark:fill-slate-800/40'];

function FrameBackground({ f, headerHeight }: { f: PositionedFrame; headerHeight: number }) {
  const dashed = f.frame.group.kind === 'branch' || f.frame.group.kind === 'se';
  return (
    <g transform={`translate(${f.x},${f.y})`}>
      <rect
        width={f.width}
        height={f.height}
        rx={8}
        className={`${FRAME_FILL[f.frame.depth % FRAME_FILL.length]} stroke-slate-300 dark:stroke-slate-700`}
        strokeDasharray={dashed ? '4 3' : undefined}
      />
      <rect width={f.width} height={headerHeight} rx={8} className="fill-slate-200/60 dark:fill-slate-800/60" />
    </g>
  );
}

const FrameHeader = memo(function FrameHeader({ f, headerHeight }: { f: PositionedFrame; headerHeight: number }) {
  const g = f.frame.group;
  // The label shortened to what the MACs leave (glyph-text.ts); the name starts with what is drawn.
  const drawn = drawnFrameText(f);
  return (
    <g
      data-id={f.frame.id}
      data-kind="frame"
      data-key={`frame:${f.frame.id}`}
      tabIndex={0}
      role="button"
      aria-expanded
      aria-label={frameLabelOf(g.label, f.frame.id, f.frame.cost.macs, f.frame.nodeCount, drawn.label)}
      transform={`translate(${f.x},${f.y})`}
      className="group cursor-pointer outline-none"
    >
      <rect width={f.width} height={headerHeight} rx={8} className="fill-transparent hover:fill-slate-300/40 dark:hover:fill-slate-600/30" />
      <rect
        x={-2}
        y={-2}
        width={f.width + 4}
        height={headerHeight + 4}
        rx={9}
        className="fill-none stroke-accent-500 opacity-0 group-focus-visible:opacity-100"
        strokeWidth={2}
      />
      <text x={8} y={headerHeight / 2} dominantBaseline="central" fontSize={11} className="fill-slate-700 dark:fill-slate-200">
        <tspan aria-hidden>▾ </tspan>
        <tspan fontWeight={600}>{drawn.label}</tspan>
        {/* A space before the next line, another <text>: read as one name, the two must not run together. */}{' '}
      </text>
      {drawn.macs && (
        <text x={f.width - 8} y={headerHeight / 2} dominantBaseline="central" textAnchor="end" fontSize={9.5} className="fill-slate-500 dark:fill-slate-400">
          {drawn.macs}
        </text>
      )}
    </g>
  );
});

const ExpandAllButton = memo(function ExpandAllButton({ p }: { p: PositionedItem }) {
  const s = EXPAND_ALL_SIZE;
  const label = p.item.type === 'group' ? groupName(p.item.group.label, p.item.id) : p.item.id;
  return (
    <g
      data-id={p.item.id}
      data-kind="expand-all"
      data-key={`expand-all:${p.item.id}`}
      tabIndex={0}
      role="button"
      aria-label={`Expand everything in ${label}`}
      transform={`translate(${p.x + p.width - s - 4},${p.y + 4})`}
      className="group cursor-pointer outline-none"
    >
      <title>Expand everything inside</title>
      <rect
        width={s}
        height={s}
        rx={4}
        className="fill-white/80 stroke-slate-400 hover:fill-accent-100 dark:fill-slate-800/80 dark:stroke-slate-500 dark:hover:fill-slate-700"
      />
      <rect
        x={-2}
        y={-2}
        width={s + 4}
        height={s + 4}
        rx={5}
        className="fill-none stroke-accent-500 opacity-0 group-focus-visible:opacity-100"
        strokeWidth={2}
      />
      <path d={`M${s / 2},4V${s - 4}M4,${s / 2}H${s - 4}`} className="stroke-slate-700 dark:stroke-slate-200" strokeWidth={1.6} />
    </g>
  );
});

const MERGE_SYMBOL: Partial<Record<string, string>> = { concat: '‖', add: '+', mul: '×' };

/** Memoised: a selection change re-renders the two items whose `selected` flips, not all of them. */
const ItemGlyph = memo(function ItemGlyph({ p, fill, selected }: { p: PositionedItem; fill: string | null; selected: boolean }) {
  const { item, width: w, height: h } = p;
  // Each line shortened to the box (glyph-text.ts); the aria-label starts with exactly these words.
  const text = drawnGlyphText(p);
  const textProps = fill ? { style: { fill: textColorFor(fill) } } : { className: 'fill-slate-800 dark:fill-slate-100' };
  const subProps = fill ? { style: { fill: textColorFor(fill), opacity: 0.8 } } : { className: 'fill-slate-500 dark:fill-slate-400' };
  let body: ReactNode;
  if (item.type === 'input') {
    body = (
      <text x={w / 2} y={h / 2} dominantBaseline="central" textAnchor="middle" fontSize={11} {...textProps}>
        {text.title}
      </text>
    );
  } else if (item.type === 'group') {
    body = (
      <>
        <text x={10} y={15} fontSize={11} fontWeight={600} {...textProps}>
          <tspan aria-hidden>▸ </tspan>
          {text.title}{' '}
        </text>
        <text x={10} y={31} fontSize={9.5} {...subProps}>
          {text.sub}
        </text>
      </>
    );
  } else if (p.shape === 'major') {
    body = (
      <>
        <text x={8} y={13} fontSize={11} fontWeight={600} {...textProps}>
          {text.title}{' '}
        </text>
        <text x={8} y={26} fontSize={9.5} {...subProps}>
          {text.sub}
        </text>
      </>
    );
  } else {
    const sym = MERGE_SYMBOL[item.node.op.kind];
    body = (
      <text x={w / 2} y={h / 2} dominantBaseline="central" textAnchor="middle" fontSize={10.5} {...textProps}>
        {sym ? `${sym} ` : ''}
        {text.title}
      </text>
    );
  }
  const isGroup = item.type === 'group';
  return (
    <g
      data-id={item.id}
      data-kind={item.type}
      data-key={`item:${item.id}`}
      tabIndex={0}
      role="button"
      aria-label={ariaLabelOf(item, text)}
      aria-expanded={isGroup ? false : undefined}
      aria-pressed={item.type === 'node' ? selected : undefined}
      transform={`translate(${p.x},${p.y})`}
      className="group cursor-pointer outline-none"
    >
      {isGroup && (
        <rect
          x={3}
          y={3}
          width={w}
          height={h}
          rx={6}
          className="fill-slate-200 stroke-slate-400 dark:fill-slate-700 dark:stroke-slate-500"
          strokeWidth={0.75}
        />
      )}
      <rect
        width={w}
        height={h}
        rx={p.shape === 'merge' ? h / 2 : isGroup ? 6 : 4}
        style={fill ? { fill } : undefined}
        className={`${fill ? '' : 'fill-white dark:fill-slate-900 '}${selected ? 'stroke-accent-600 dark:stroke-accent-300' : 'stroke-slate-400 group-hover:stroke-slate-700 dark:stroke-slate-500 dark:group-hover:stroke-slate-200'}`}
        strokeWidth={selected ? 2.5 : 1}
        strokeDasharray={item.type === 'input' ? '4 3' : undefined}
      />
      <rect
        x={-3}
        y={-3}
        width={w + 6}
        height={h + 6}
        rx={7}
        className="fill-none stroke-accent-500 opacity-0 group-focus-visible:opacity-100"
        strokeWidth={2}
      />
      {body}
    </g>
  );
});
