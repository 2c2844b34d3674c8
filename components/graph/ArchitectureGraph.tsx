'use client';

/**
 * ArchitectureGraph: the interactive network diagram of the model lab (/models/[id]).
 *
 * D3 computes (lib/graph: visibility, layout, edge paths, colour scales; d3-zoom: pan and zoom);
 * React owns every DOM node of the SVG.
 *
 * Usage from any client page (the expanded set lives in the page, so it can be shared with other
 * panels or the URL). Use functional state updates: "expand all in a stage" may call onToggle
 * several times in one event when onSetExpanded is not given.
 *
 *   'use client';
 *   import { useMemo, useState } from 'react';
 *   import { buildGraph } from '@/lib/arch';
 *   import { setExpanded, toggleExpanded, type ColorMode } from '@/lib/graph';
 *   import { ArchitectureGraph } from '@/components/graph/ArchitectureGraph';
 *
 *   export function ModelGraph({ id }: { id: string }) {
 *     const graph = useMemo(() => buildGraph(id, { size: 224 }), [id]);
 *     const [expanded, setExp] = useState<ReadonlySet<string>>(() => new Set());
 *     const [selected, setSelected] = useState<string | null>(null);
 *     const [colorBy, setColorBy] = useState<ColorMode>('macs');
 *     return (
 *       <ArchitectureGraph
 *         graph={graph}
 *         expanded={expanded}
 *         onToggle={(g) => setExp((s) => toggleExpanded(s, g))}
 *         onSetExpanded={(ids, open) => setExp((s) => setExpanded(s, ids, open))}
 *         colorBy={colorBy}
 *         onColorByChange={setColorBy}
 *         times={undefined}            // or a Map node name -> ms from the profiler
 *         selected={selected}
 *         onSelect={setSelected}
 *       />
 *     );
 *   }
 *
 * Interaction: drag to pan, ctrl/⌘ + wheel (or pinch) to zoom, wheel to scroll along the network;
 * buttons +, −, reset view. Click, Enter or Space on a collapsed group expands it, on a frame's
 * title bar collapses it, on a node selects it; the ⊞ button expands a whole stage. Tab or the
 * arrow keys move focus (Left/Right jump to a parallel branch, Home/End to the ends, Escape to the
 * enclosing group). Hover or focus shows a card with shapes, params, MACs, FLOPs, bytes, time.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Graph } from '@/lib/arch';
import { receptiveFields } from '@/lib/arch/receptive-field';
import {
  colorScale,
  connectionKind,
  descendantGroups,
  DEFAULT_LAYOUT,
  EDGE_KINDS,
  groupIndex,
  itemValue,
  layoutGraph,
  seMembership,
  visibleGraph,
  COLOR_MODES,
  type ColorMode,
  type EdgeKind,
  type GraphLayout,
  type Rect,
} from '@/lib/graph';
import { EDGE_STYLE, svgId } from './edge-styles';
import { GraphScene } from './GraphScene';
import { NodeCard } from './NodeCard';
import { GradientLegend } from '@/components/ui/GradientLegend';
import { Legend } from '@/components/ui/Legend';
import { focusEntries, navigate, type NavKey } from './navigation';
import { useGraphZoom } from './useGraphZoom';
import { useReducedMotion } from '@/components/hooks/useReducedMotion';
import { ariaLabelOf, groupName } from './card-data';

export interface ArchitectureGraphProps {
  graph: Graph;
  /** Expanded group ids (see lib/graph visibleGraph); everything else is collapsed. */
  expanded: ReadonlySet<string>;
  /** Expand or collapse one group. */
  onToggle(groupId: string): void;
  /** Optional: expand/collapse many groups at once (the ⊞ "expand all" and "collapse all"). */
  onSetExpanded?(groupIds: readonly string[], expanded: boolean): void;
  colorBy: ColorMode;
  /** Optional: shows a colour-mode picker above the graph. */
  onColorByChange?(mode: ColorMode): void;
  /** Milliseconds per node name (profiler); collapsed groups show the sum over their nodes. */
  times?: ReadonlyMap<string, number>;
  /** Selected node name or group id. */
  selected: string | null;
  onSelect(id: string): void;
  /** CSS height of the viewport (default 640 px). */
  height?: number | string;
  /** Accessible name of the diagram (default: "<graph id> architecture"). */
  ariaLabel?: string;
  className?: string;
}

const MODE_LABEL: Record<ColorMode, string> = { macs: 'MACs', params: 'Params', time: 'Time', output: 'Output size' };

type Anchor = { id: string; sx: number; sy: number; refocus: boolean };

export function ArchitectureGraph(props: ArchitectureGraphProps) {
  const { graph, expanded, onToggle, onSetExpanded, colorBy, onColorByChange, times, selected, onSelect } = props;
  const uid = svgId(useId());
  const svgRef = useRef<SVGSVGElement | null>(null);
  const reducedMotion = useReducedMotion();

  // D3-side computations, memoised on their real inputs.
  const visible = useMemo(() => visibleGraph(graph, expanded), [graph, expanded]);
  const layout = useMemo(() => layoutGraph(visible), [visible]);
  const entries = useMemo(() => focusEntries(layout, DEFAULT_LAYOUT.header), [layout]);
  const values = useMemo(() => visible.items.map((i) => itemValue(i, colorBy, times)), [visible, colorBy, times]);
  const scale = useMemo(() => colorScale(colorBy, values), [colorBy, values]);
  const fills = useMemo(() => new Map(visible.items.map((item, k) => [item.id, scale.color(values[k])])), [visible, scale, values]);
  const modelKinds = useMemo(() => edgeKindsOf(graph), [graph]);
  const fields = useMemo(() => receptiveFields(graph), [graph]);

  const zoom = useGraphZoom(svgRef, layout, reducedMotion);
  const { transform, reset, reveal, panBy } = zoom;

  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [view, setView] = useState({ width: 0, height: 0 });
  const anchor = useRef<Anchor | null>(null);
  /** Set by "collapse all": the next layout is fitted to the view again. */
  const refit = useRef(false);

  // Viewport size (for the card placement and the initial fit).
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const ro = new ResizeObserver(() => setView({ width: svg.clientWidth, height: svg.clientHeight }));
    ro.observe(svg);
    return () => ro.disconnect();
  }, []);

  // Fit once a graph is shown and the viewport is known; not on every expand/collapse.
  const fittedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!view.width || fittedFor.current === graph.id) return;
    fittedFor.current = graph.id;
    reset(false);
  }, [graph.id, view.width, reset]);

  // After an expand/collapse, keep the toggled group where it was on screen and keep its focus.
  useLayoutEffect(() => {
    if (refit.current) {
      refit.current = false;
      reset(true);
    }
    const a = anchor.current;
    if (!a) return;
    anchor.current = null;
    const r = rectOf(layout, a.id);
    if (r) panBy(a.sx - (r.x * transform.k + transform.x), a.sy - (r.y * transform.k + transform.y));
    if (a.refocus) svgRef.current?.querySelector<SVGGElement>(`[data-id="${CSS.escape(a.id)}"]:not([data-kind="expand-all"])`)?.focus({ preventScroll: true });
    // transform is read at the moment of the layout change only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  const remember = useCallback(
    (id: string, refocus: boolean) => {
      const r = rectOf(layout, id);
      if (r) anchor.current = { id, sx: r.x * transform.k + transform.x, sy: r.y * transform.k + transform.y, refocus };
    },
    [layout, transform],
  );

  const labelOf = useCallback(
    (id: string) => {
      const g = groupIndex(graph).byId.get(id);
      return g ? groupName(g.label, id) : id;
    },
    [graph],
  );

  const toggle = useCallback(
    (id: string, refocus: boolean) => {
      remember(id, refocus);
      setMessage(`${expanded.has(id) ? 'Collapsed' : 'Expanded'} ${labelOf(id)}`);
      onToggle(id);
    },
    [remember, expanded, labelOf, onToggle],
  );

  const setMany = useCallback(
    (ids: readonly string[], open: boolean, anchorId: string | null) => {
      if (anchorId) remember(anchorId, false);
      else refit.current = true;
      if (onSetExpanded) onSetExpanded(ids, open);
      else for (const id of ids) if (expanded.has(id) !== open) onToggle(id);
    },
    [remember, onSetExpanded, expanded, onToggle],
  );

  const select = useCallback(
    (id: string) => {
      const k = layout.index.get(id);
      const item = k === undefined ? undefined : layout.items[k].item;
      setMessage(`Selected ${item ? ariaLabelOf(item) : id}`);
      onSelect(id);
    },
    [layout, onSelect],
  );

  /** Click, Enter and Space do the same thing on every focusable part. */
  const activate = useCallback(
    (el: Element, viaKeyboard: boolean) => {
      const id = el.getAttribute('data-id');
      const kind = el.getAttribute('data-kind');
      if (id === null) return;
      if (kind === 'group' || kind === 'frame') toggle(id, viaKeyboard);
      else if (kind === 'node') select(id);
      else if (kind === 'expand-all') {
        setMessage(`Expanded everything in ${labelOf(id)}`);
        setMany(descendantGroups(graph, id), true, id);
      }
    },
    [toggle, select, labelOf, setMany, graph],
  );

  const target = (e: { target: EventTarget }) => (e.target instanceof Element ? e.target.closest('[data-key]') : null);

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const el = target(e);
    if (!el) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(el, true);
      return;
    }
    const key = el.getAttribute('data-key')!;
    let next: string | undefined;
    if (e.key === 'Escape') {
      const id = el.getAttribute('data-id')!;
      const kind = el.getAttribute('data-kind');
      const parent = kind === 'frame' ? visible.frames.find((f) => f.id === id)?.parent : visible.items.find((i) => i.id === id)?.parent;
      if (parent) next = `frame:${parent}`;
    } else if (['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
      next = navigate(entries, key, e.key as NavKey)?.key;
    } else return;
    e.preventDefault();
    if (next) svgRef.current?.querySelector<SVGGElement>(`[data-key="${CSS.escape(next)}"]`)?.focus({ preventScroll: true });
  };

  const onFocus = (e: FocusEvent<SVGSVGElement>) => {
    const el = target(e);
    const key = el?.getAttribute('data-key');
    if (!el || !key) return;
    const entry = entries.find((x) => x.key === key);
    if (entry) reveal(entry.rect);
    // The card follows keyboard focus, not the focus a mouse click leaves behind.
    const keyboard = el.matches(':focus-visible');
    setFocused(keyboard && el.getAttribute('data-kind') !== 'frame' ? el.getAttribute('data-id') : null);
  };

  // The card follows the pointer first, keyboard focus second.
  const cardId = hovered ?? focused;
  const cardIndex = cardId === null ? undefined : layout.index.get(cardId);
  const card = cardIndex === undefined ? null : layout.items[cardIndex];
  const cardStyle = card ? placeCard(card, transform, view) : undefined;
  const timeEmpty = colorBy === 'time' && values.every((v) => v === undefined);
  const anyExpanded = visible.frames.length > 0;

  return (
    <div className={`not-prose ${props.className ?? ''}`}>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-xs">
        {onColorByChange && (
          <label className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300" data-control="color">
            Colour by
            <select
              value={colorBy}
              onChange={(e) => onColorByChange(e.target.value as ColorMode)}
              className="rounded border border-slate-300 bg-white px-1.5 py-1 text-slate-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
            >
              {COLOR_MODES.map((m) => (
                <option key={m} value={m}>
                  {MODE_LABEL[m]}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="ml-auto flex items-center gap-1" role="toolbar" aria-label="Graph view">
          <ToolButton label="Zoom in" onClick={() => zoom.zoomBy(1.25)}>
            +
          </ToolButton>
          <ToolButton label="Zoom out" onClick={() => zoom.zoomBy(0.8)}>
            −
          </ToolButton>
          <ToolButton label="Reset view" onClick={() => reset(true)}>
            Reset view
          </ToolButton>
          {anyExpanded && (
            <ToolButton label="Collapse all groups" onClick={() => setMany([...expanded], false, null)}>
              Collapse all
            </ToolButton>
          )}
        </div>
      </div>
      <div
        className="relative overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
        style={{ height: props.height ?? 640 }}
      >
        <svg
          ref={svgRef}
          role="group"
          aria-label={
            props.ariaLabel ??
            `${graph.id} architecture: ${visible.items.length - 1} items shown. Use Tab or the arrow keys to move, Enter to expand a group or select a layer.`
          }
          aria-roledescription="network graph"
          className="block h-full w-full cursor-grab touch-none select-none text-slate-700 active:cursor-grabbing dark:text-slate-200"
          onClick={(e) => {
            const el = target(e);
            if (el) activate(el, false);
          }}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={() => setFocused(null)}
          onPointerOver={(e) => {
            const el = target(e);
            const kind = el?.getAttribute('data-kind');
            setHovered(el && kind !== 'frame' && kind !== 'expand-all' ? el.getAttribute('data-id') : null);
          }}
          onPointerLeave={() => setHovered(null)}
        >
          <defs>
            {EDGE_KINDS.map((k) => (
              <marker
                key={k}
                id={`${uid}-${k}`}
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerWidth={7}
                markerHeight={7}
                markerUnits="userSpaceOnUse"
                orient="auto-start-reverse"
              >
                <path d="M0,1L10,5L0,9z" className={EDGE_STYLE[k].fill} />
              </marker>
            ))}
          </defs>
          <g transform={transform.toString()}>
            <GraphScene layout={layout} entries={entries} fills={fills} selected={selected} markerPrefix={uid} headerHeight={DEFAULT_LAYOUT.header} />
          </g>
        </svg>
        {card && <NodeCard item={card.item} times={times} style={cardStyle} fields={fields} />}
        <div className="sr-only" aria-live="polite" aria-atomic>
          {message}
        </div>
      </div>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <Legend
          title="Connections"
          layout="list"
          items={modelKinds.map((k) => ({
            key: k,
            swatch: { shape: 'line', className: EDGE_STYLE[k].stroke, dash: EDGE_STYLE[k].dash },
            label: EDGE_STYLE[k].label,
            description: EDGE_STYLE[k].description,
          }))}
        />
        <GradientLegend
          title={`Fill: ${scale.title}`}
          ariaLabel={`${scale.title} from ${scale.format(scale.domain[0])} to ${scale.format(scale.domain[1])}`}
          stops={scale.stops}
          ticks={scale.ticks}
          empty={timeEmpty ? 'No layer times yet: run the profiler to colour by time.' : undefined}
        >
          <p className="mt-1 flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-3 w-4 rounded-sm border border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900" />
            no value (0, not measured, or the input)
          </p>
        </GradientLegend>
      </div>
    </div>
  );
}

function ToolButton({ label, onClick, children }: { label: string; onClick(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="min-w-7 rounded border border-slate-300 bg-white px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {children}
    </button>
  );
}

/** Rect of an item or of an expanded group's frame, in layout coordinates. */
function rectOf(layout: GraphLayout, id: string): Rect | undefined {
  const k = layout.index.get(id);
  if (k !== undefined) return layout.items[k];
  return layout.frames.find((f) => f.frame.id === id);
}

const CARD_W = 288;
const CARD_H = 210;

/** Beside the item on screen: right if it fits, else left; clamped into the viewport. */
function placeCard(r: Rect, t: { k: number; x: number; y: number }, view: { width: number; height: number }) {
  const x0 = r.x * t.k + t.x;
  const x1 = (r.x + r.width) * t.k + t.x;
  const y0 = r.y * t.k + t.y;
  const left = x1 + 10 + CARD_W <= view.width ? x1 + 10 : Math.max(0, x0 - 10 - CARD_W);
  const top = Math.max(4, Math.min(y0, view.height - CARD_H));
  return { left, top };
}

/** Edge kinds the whole network uses (the legend does not change as groups open and close). */
function edgeKindsOf(graph: Graph): EdgeKind[] {
  const inSe = seMembership(graph);
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const seen = new Set<EdgeKind>();
  for (const n of graph.nodes) for (const i of n.inputs) seen.add(connectionKind(byName.get(i), n, inSe));
  return EDGE_KINDS.filter((k) => seen.has(k));
}
