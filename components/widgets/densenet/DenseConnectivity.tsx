'use client';

/**
 * Dense connectivity: every connection of a dense block of L layers, the channels entering each
 * layer as stacked bands coloured by the layer that produced them, and the same depth as a plain
 * chain for contrast. Parameters and MACs come from lib/arch. D3 computes scales and arc shapes;
 * React owns the SVG.
 */
import { path as d3path, range, scaleLinear, scalePoint } from 'd3';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { SpecError } from '@/lib/arch';
import { sourceColor } from '@/lib/widgets/dense-connectivity/colors';
import { denseBlockCost, plainChainCost, BLOCK_SIZE } from '@/lib/widgets/dense-connectivity/cost';
import {
  arcHeight,
  chainBands,
  chainEdges,
  connectionCount,
  denseEdges,
  inputBands,
  inputChannels,
  listNodes,
  nodeLabel,
  readersOf,
  readsOf,
  transitionEdges,
  type Band,
  type Edge,
} from '@/lib/widgets/dense-connectivity/layout';
import { denseConnectivitySchema, type DenseConnectivitySchema } from '@/lib/widgets/dense-connectivity/meta';
import type { WidgetProps } from '@/lib/widgets/types';
import { ErrorNote } from '@/components/ui/Alert';
import { ParamSlider, Slider } from '@/components/ui/Slider';
import { Stat, StatGrid } from '@/components/ui/Stat';
import { Toggle } from '@/components/ui/Toggle';
import { WidgetFrame } from '@/components/ui/WidgetFrame';
import { formatCount, formatInt } from '@/lib/format';

const PAD = 30;
const NODE_R = 13;
const BAR_MAX = 150;
const ARC_MAX = 150;
/** Column width: fills the available width for short blocks, never below 54 px (then it scrolls). */
const colWidth = (nodes: number, avail: number) => Math.max(54, Math.min(104, (avail - 2 * PAD - 14) / (nodes - 1)));

type State = WidgetProps<DenseConnectivitySchema>['state'];

const THETA = denseConnectivitySchema.theta;
const THETA_STEP = THETA.step ?? 0.05;
/** θ's range is (0, 1]: the slider starts one step above an exclusive minimum. */
const THETA_MIN = THETA.minExclusive ? THETA.min + THETA_STEP : THETA.min;

function arcPath(x1: number, x2: number, y: number, h: number): string {
  const p = d3path();
  p.moveTo(x1, y - NODE_R + 2);
  p.quadraticCurveTo((x1 + x2) / 2, y - NODE_R - 2 * h, x2, y - NODE_R + 2);
  return p.toString();
}

interface DiagramProps {
  /** Width available to the drawing, CSS px. */
  readonly avail: number;
  readonly L: number;
  readonly k: number;
  readonly k0: number;
  readonly bottleneck: boolean;
  readonly transitionOut: number | null;
  readonly variant: 'dense' | 'chain';
  readonly active: number | null;
  readonly pinned: number | null;
  readonly onHover: (n: number | null) => void;
  readonly onPin: (n: number) => void;
}

function Diagram({ avail, L, k, k0, bottleneck, transitionOut, variant, active, pinned, onHover, onPin }: DiagramProps) {
  const n = L + 2;
  const COL = colWidth(n, avail);
  const BAR_W = Math.min(30, Math.round(COL * 0.4));
  const x = scalePoint<number>()
    .domain(range(n))
    .range([PAD, PAD + (n - 1) * COL]);
  const dense = variant === 'dense';
  const maxC = inputChannels(L + 1, k0, k);
  const ch = scaleLinear().domain([0, maxC]).range([0, BAR_MAX]);
  const edges: Edge[] = dense ? denseEdges(L) : chainEdges(L);
  const tEdges: Edge[] = dense ? transitionEdges(L) : [{ from: L, to: L + 1 }];
  const arcTop = arcHeight(n - 1, ARC_MAX) * (dense ? 1 : 0) + (dense ? 12 : 30);
  const yNode = arcTop + NODE_R + 4;
  const barTop = yNode + NODE_R + 10;
  const bandsOf = (node: number): Band[] =>
    dense ? inputBands(node, k0, k) : node === L + 1 ? [{ source: L, start: 0, size: L === 0 ? k0 : k }] : chainBands(node, k0, k);
  const colHeight = (node: number) => ch(bandsOf(node).reduce((a, b) => a + b.size, 0));
  const tallest = Math.max(ch(k0), ...range(1, n).map(colHeight), transitionOut !== null ? ch(transitionOut) : 0);
  const height = barTop + tallest + 34;
  const width = PAD * 2 + (n - 1) * COL + 14;

  const reads = active === null ? [] : dense ? readsOf(active) : active > 0 ? [active - 1] : [];
  const readers = active === null ? [] : dense ? readersOf(active, L) : active <= L ? [active + 1] : [];
  const isIn = (e: Edge) => active !== null && e.to === active;
  const isOut = (e: Edge) => active !== null && e.from === active;

  const edgeEl = (e: Edge, dashed: boolean) => {
    const span = e.to - e.from;
    const h = dense ? arcHeight(span, ARC_MAX - 10, 8, 11) : 14;
    const on = isIn(e) || isOut(e);
    const dim = active !== null && !on;
    return (
      <path
        key={`${dashed ? 't' : 'e'}${e.from}-${e.to}`}
        d={arcPath(x(e.from)!, x(e.to)!, yNode, h)}
        fill="none"
        stroke={sourceColor(e.from)}
        strokeWidth={on ? 2.6 : 1.4}
        strokeDasharray={dashed ? '4 3' : undefined}
        opacity={dim ? 0.1 : on ? 1 : 0.6}
        className="transition-opacity duration-200"
      />
    );
  };

  const labelFor = (node: number) => {
    if (node === 0) return `x₀, the block input: ${k0} channels. Read by ${listNodes(dense ? readersOf(0, L) : [1], L)}.`;
    const inC = bandsOf(node).reduce((a, b) => a + b.size, 0);
    const src = dense ? readsOf(node) : [node - 1];
    if (node === L + 1) return `Transition layer: reads ${inC} channels from ${listNodes(src, L)}${transitionOut !== null ? `, keeps ${transitionOut}` : ''}.`;
    return `Layer H${node}: reads ${inC} channels from ${listNodes(src, L)}; its ${k} new channels are read by ${listNodes(dense ? readersOf(node, L) : [node + 1], L)}.`;
  };

  const onKey = (node: number) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPin(node);
    }
  };

  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className="block max-w-none"
      role="group"
      aria-label={dense ? `Dense block of ${L} layers with ${connectionCount(L)} direct connections` : `Plain chain of ${L} layers with ${L} connections`}
    >
      <g aria-hidden="true">
        {edges.map((e) => edgeEl(e, false))}
        {tEdges.map((e) => edgeEl(e, true))}
      </g>
      {range(n).map((node) => {
        const cx = x(node)!;
        const bands = node === 0 ? [{ source: 0, start: 0, size: k0 }] : bandsOf(node);
        const inC = bands.reduce((a, b) => a + b.size, 0);
        const on = active === node;
        const related = reads.includes(node) || readers.includes(node);
        const dim = active !== null && !on && !related;
        const isT = node === L + 1;
        return (
          <g key={node} opacity={dim ? 0.45 : 1} className="transition-opacity duration-200">
            <g
              role="button"
              tabIndex={0}
              aria-label={labelFor(node)}
              aria-pressed={node >= 1 && node <= L ? pinned === node : undefined}
              onMouseEnter={() => onHover(node)}
              onMouseLeave={() => onHover(null)}
              onFocus={() => onHover(node)}
              onBlur={() => onHover(null)}
              onClick={() => onPin(node)}
              onKeyDown={onKey(node)}
              className="cursor-pointer outline-none [&:focus-visible>circle]:stroke-[3px]"
            >
              <circle
                cx={cx}
                cy={yNode}
                r={NODE_R}
                fill={isT ? 'none' : sourceColor(node)}
                stroke="currentColor"
                strokeWidth={on || pinned === node ? 3 : 1}
                className={isT ? 'text-slate-500 dark:text-slate-400' : 'text-slate-900 dark:text-white'}
              />
              <text
                x={cx}
                y={yNode}
                dy="0.35em"
                textAnchor="middle"
                fontSize={11}
                fontWeight={600}
                className={isT ? 'fill-slate-700 dark:fill-slate-200' : 'fill-white'}
                style={isT ? undefined : { paintOrder: 'stroke', stroke: 'rgba(0,0,0,0.55)', strokeWidth: 2 }}
              >
                {nodeLabel(node, L)}
              </text>
              {/* The input bar: one band per producing layer. */}
              <g>
                {bands.map((b) => {
                  const highlighted = active !== null && b.source === active && node !== active;
                  return (
                    <rect
                      key={b.source}
                      x={cx - BAR_W / 2}
                      y={barTop + ch(b.start)}
                      width={BAR_W}
                      height={Math.max(0.5, ch(b.size))}
                      fill={sourceColor(b.source)}
                      stroke={highlighted ? 'currentColor' : 'white'}
                      strokeWidth={highlighted ? 2 : 0.5}
                      className={highlighted ? 'text-slate-900 dark:text-white' : 'dark:stroke-slate-900'}
                    />
                  );
                })}
              </g>
            </g>
            {bottleneck && node >= 1 && node <= L ? (
              <rect x={cx + BAR_W / 2 + 2} y={barTop} width={5} height={ch(4 * k)} className="fill-slate-400 dark:fill-slate-500" aria-hidden="true">
                <title>{`1×1 bottleneck: ${4 * k} channels`}</title>
              </rect>
            ) : null}
            {isT && transitionOut !== null ? (
              <rect
                x={cx + BAR_W / 2 + 2}
                y={barTop}
                width={7}
                height={Math.max(0.5, ch(transitionOut))}
                className="fill-slate-500 dark:fill-slate-400"
                aria-hidden="true"
              >
                <title>{`after compression: ${transitionOut} channels`}</title>
              </rect>
            ) : null}
            <text x={cx} y={barTop + ch(inC) + 13} textAnchor="middle" fontSize={10} className="fill-slate-600 dark:fill-slate-400" aria-hidden="true">
              {inC}
            </text>
            {isT && transitionOut !== null ? (
              <text x={cx} y={barTop + ch(inC) + 25} textAnchor="middle" fontSize={10} className="fill-slate-600 dark:fill-slate-400" aria-hidden="true">
                →{transitionOut}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

export function DenseConnectivity({ state, onChange }: WidgetProps<DenseConnectivitySchema>) {
  const { L, k, k0, bottleneck, theta } = state;
  const [hover, setHover] = useState<number | null>(null);
  const [box, avail] = useElementWidth({ initial: 760 });
  const pinned = state.focus >= 1 && state.focus <= L ? state.focus : null;
  const active = hover ?? pinned;

  const cost = useMemo(() => {
    try {
      return { ok: true as const, block: denseBlockCost({ L, k, k0, bottleneck, theta }), chain: plainChainCost({ L, k, k0 }) };
    } catch (e) {
      if (e instanceof SpecError) return { ok: false as const, message: e.message };
      throw e;
    }
  }, [L, k, k0, bottleneck, theta]);

  const pin = (node: number) => {
    if (node < 1 || node > L) return;
    onChange({ focus: pinned === node ? 0 : node });
  };
  const set = (patch: Partial<State>) => {
    if (patch.L !== undefined && state.focus > patch.L) patch = { ...patch, focus: 0 };
    onChange(patch);
  };

  const m = inputChannels(L + 1, k0, k);
  const transitionOut = cost.ok ? cost.block.transitionOut : null;
  const summary =
    active === null
      ? 'Hover over or focus a layer (Tab, then Enter to pin it) to see every input it reads and every later layer that reads it.'
      : active === 0
        ? `x₀, the block input (${k0} channels), is read directly by every layer and by the transition: ${L + 1} connections.`
        : active === L + 1
          ? `The transition reads all ${L + 1} outputs, ${m} channels, and keeps ⌊θ·${m}⌋ = ${transitionOut ?? '–'} (1×1 conv, then 2×2 average pooling).`
          : `H${active} reads ${listNodes(readsOf(active), L)}: ${inputChannels(active, k0, k)} channels = ${k0} + ${active - 1}×${k}. Its ${k} new channels are read by ${listNodes(readersOf(active, L), L)}.`;

  return (
    <WidgetFrame
      title="Dense connectivity"
      subtitle={
        <>
          Arcs: direct connections, coloured by the layer that produced the features. Bars: the channels entering each layer, one band per producer
          {bottleneck ? '; grey: the 1×1 bottleneck’s 4k channels' : ''}. Dashed: the block output read by the transition T.
        </>
      }
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <ParamSlider schema={denseConnectivitySchema} name="L" label="Layers L" value={L} onChange={(v) => set({ L: v })} />
        <ParamSlider schema={denseConnectivitySchema} name="k" label="Growth rate k" value={k} onChange={(v) => set({ k: v })} />
        <ParamSlider schema={denseConnectivitySchema} name="k0" label="Input channels k₀" value={k0} onChange={(v) => set({ k0: v })} />
        <Slider
          control="theta"
          label="Compression θ"
          value={theta}
          min={THETA_MIN}
          max={THETA.max}
          step={THETA_STEP}
          format={(v) => v.toFixed(2)}
          onChange={(v) => set({ theta: Math.round(v * 100) / 100 })}
        />
        <Toggle
          control="bottleneck"
          label="Bottleneck (DenseNet-B)"
          checked={bottleneck}
          onChange={(v) => set({ bottleneck: v })}
          hint="1×1 conv to 4k channels before each 3×3 conv"
        />
      </div>

      <p className="mt-3 min-h-[2.5rem] text-[13px] text-slate-700 dark:text-slate-300" aria-live="polite">
        {summary}
      </p>

      <div ref={box} className="mt-2 overflow-x-auto rounded-lg border border-slate-100 pb-1 dark:border-slate-800">
        <p className="px-2 pt-1.5 text-[12px] font-medium text-slate-600 dark:text-slate-400">
          Dense block: {connectionCount(L)} direct connections = {L}·{L + 1}/2
        </p>
        <Diagram
          avail={avail}
          L={L}
          k={k}
          k0={k0}
          bottleneck={bottleneck}
          transitionOut={transitionOut}
          variant="dense"
          active={active}
          pinned={pinned}
          onHover={setHover}
          onPin={pin}
        />
      </div>
      <div className="mt-2 overflow-x-auto rounded-lg border border-slate-100 pb-1 dark:border-slate-800">
        <p className="px-2 pt-1.5 text-[12px] font-medium text-slate-600 dark:text-slate-400">
          Plain chain of the same depth: {L} connections; every layer sees only the {k} channels of the one before it
        </p>
        <Diagram
          avail={avail}
          L={L}
          k={k}
          k0={k0}
          bottleneck={false}
          transitionOut={null}
          variant="chain"
          active={null}
          pinned={null}
          onHover={() => undefined}
          onPin={() => undefined}
        />
      </div>

      {cost.ok ? (
        <StatGrid className="mt-3">
          <Stat label="Direct connections" value={formatInt(connectionCount(L))} detail={`plain chain: ${L}`} />
          <Stat label={`Channels into H${L}`} value={formatInt(cost.block.layers[L - 1].inChannels)} detail={`k₀ + k(L−1) = ${k0} + ${L - 1}×${k}`} />
          <Stat label="Block output" value={formatInt(cost.block.blockOut)} detail={`transition keeps ${cost.block.transitionOut}`} />
          <Stat label="Block params" value={formatInt(cost.block.block.params)} detail={`${formatCount(cost.block.block.macs)} MACs`} />
          <Stat label="Transition params" value={formatInt(cost.block.transition.params)} detail={`${formatCount(cost.block.transition.macs)} MACs`} />
          <Stat label="Plain chain params" value={formatInt(cost.chain.params)} detail={`${formatCount(cost.chain.macs)} MACs`} />
        </StatGrid>
      ) : (
        <div className="mt-3">
          <ErrorNote>{`These knobs do not make a valid DenseNet: ${cost.message}`}</ErrorNote>
        </div>
      )}
      <p className="mt-2 text-[11px] text-slate-500 dark:text-slate-400">
        Parameters and multiply–accumulates from the architecture spec (lib/arch), with {BLOCK_SIZE}×{BLOCK_SIZE} feature maps; BN parameters included.
      </p>
    </WidgetFrame>
  );
}
