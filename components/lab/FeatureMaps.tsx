'use client';

import { useEffect, useMemo, useState } from 'react';
import type { Graph } from '@/lib/arch/ir';
import { describeOp } from '@/lib/arch/format';
import type { FeatureMap } from '@/lib/runtime/featuremaps';
import type { RgbaImage } from '@/lib/runtime/imagenet';
import {
  type ChannelStats,
  type ColourScaleKind,
  type Normalization,
  allChannelStats,
  chooseColourScale,
  colourLut,
  layerStats,
  mapGeometry,
  tileDomain,
  tilePage,
} from '@/lib/lab/featuremap-display';
import { formatPercent, formatSig } from '@/lib/format';
import type { LabHandle } from '@/lib/lab/handle';
import { ChannelTile } from './ChannelTile';
import { weightsLabelText } from './runner-plan';
import { DescriptionList } from '@/components/ui/DescriptionList';
import { GradientLegend } from '@/components/ui/GradientLegend';
import { RgbaCanvas } from './RgbaCanvas';
import { useControllable } from './useControllable';
import { smallButtonClass, smallControlClass } from '@/components/ui/styles';

export type ScaleChoice = 'auto' | ColourScaleKind;

export interface FeatureMapsProps {
  /** The Runner's latest RunResult (or any LabHandle); null before the first run. */
  readonly source: LabHandle | null;
  /** Node name whose output to show. */
  readonly layer: string | null;
  /** When given, a layer picker is shown. */
  readonly onLayerChange?: (layer: string) => void;
  /** The image beside the maps; defaults to the run's input preview when `source` is a RunResult. */
  readonly inputImage?: RgbaImage | null;
  readonly page?: number;
  readonly onPageChange?: (page: number) => void;
  readonly normalization?: Normalization;
  readonly onNormalizationChange?: (n: Normalization) => void;
  readonly scale?: ScaleChoice;
  readonly onScaleChange?: (s: ScaleChoice) => void;
  /** Selected channel (shown large with its statistics). */
  readonly channel?: number | null;
  readonly onChannelChange?: (c: number | null) => void;
  readonly perPage?: number;
  readonly className?: string;
}

type Load = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; map: FeatureMap } | { status: 'error'; message: string; stale: boolean };

/** A finished request, remembered with what it was for (anything else is still loading). */
type Settled = { source: LabHandle; layer: string; load: Load };

const btn = smallButtonClass;

/** Which weights made the maps; random ones are said to be random (the site's wording, lib/weights/sources.ts). */
function weightsCaption(w: LabHandle['weights']): string {
  if (w.kind === 'seeded') return `Computed with random weights (seed ${w.seed}): what an untrained network does with this input, not learned features.`;
  return `Computed with ${weightsLabelText(w)}.`;
}
const sel = smallControlClass;

function hasPreview(h: LabHandle | null): h is LabHandle & { inputPreview: RgbaImage } {
  return !!h && 'inputPreview' in h;
}

/**
 * A layer's activations from the real run: one tile per channel (paged), coloured by a sequential
 * or diverging scale with a legend, per-channel statistics, and the input image beside them.
 */
export function FeatureMaps(props: FeatureMapsProps) {
  const { source, layer, perPage = 32, className } = props;
  const [page, setPage] = useControllable(props.page, props.onPageChange, 0);
  const [normalization, setNormalization] = useControllable<Normalization>(props.normalization, props.onNormalizationChange, 'channel');
  const [scaleChoice, setScaleChoice] = useControllable<ScaleChoice>(props.scale, props.onScaleChange, 'auto');
  const [channel, setChannel] = useControllable<number | null>(props.channel, props.onChannelChange, null);
  const [settled, setSettled] = useState<Settled | null>(null);

  useEffect(() => {
    if (!source || !layer) return;
    let cancelled = false;
    source.featureMaps(layer).then(
      (map) => !cancelled && setSettled({ source, layer, load: { status: 'ready', map } }),
      (e: unknown) => {
        if (cancelled) return;
        const stale = e instanceof Error && e.name === 'StaleSessionError';
        setSettled({ source, layer, load: { status: 'error', message: e instanceof Error ? e.message : String(e), stale } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [source, layer]);
  const load: Load =
    !source || !layer ? { status: 'idle' } : settled && settled.source === source && settled.layer === layer ? settled.load : { status: 'loading' };

  const map = load.status === 'ready' ? load.map : null;
  const stats = useMemo<ChannelStats[]>(() => (map ? allChannelStats(map) : []), [map]);
  const whole = useMemo(() => (map ? layerStats(map) : null), [map]);
  const scale: ColourScaleKind = scaleChoice === 'auto' ? (whole ? chooseColourScale(whole) : 'sequential') : scaleChoice;
  const lut = useMemo(() => colourLut(scale), [scale]);
  const geo = map ? mapGeometry(map) : null;
  const pg = tilePage(geo?.channels ?? 0, perPage, page);
  const norm: Normalization = geo && geo.channels === 1 ? 'layer' : normalization;
  const domains = useMemo(() => (whole ? stats.map((s) => tileDomain(norm, scale, whole, s)) : []), [stats, whole, norm, scale]);
  const selected = channel !== null && geo && channel < geo.channels ? channel : null;
  const legendDomain: readonly [number, number] | null = whole
    ? selected !== null && norm === 'channel'
      ? domains[selected]
      : tileDomain('layer', scale, whole, whole)
    : null;
  const preview = props.inputImage ?? (hasPreview(source) ? source.inputPreview : null);
  const graph: Graph | null = source?.graph ?? null;
  const node = graph && layer ? graph.nodes.find((n) => n.name === layer) : undefined;

  return (
    <section
      aria-label="Feature maps"
      className={`not-prose space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800 ${className ?? ''}`}
      data-testid="feature-maps"
    >
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2 text-sm">
        {props.onLayerChange && graph && (
          <label className="flex flex-col gap-0.5" data-control="layer">
            <span className="text-xs text-slate-500 dark:text-slate-400">Layer</span>
            <select className={`${sel} max-w-[18rem]`} value={layer ?? ''} onChange={(e) => props.onLayerChange?.(e.currentTarget.value)}>
              {!layer && <option value="">Choose a layer…</option>}
              {graph.nodes.map((n) => (
                <option key={n.name} value={n.name}>
                  {n.name} ({describeOp(n.op)})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex flex-col gap-0.5">
          <span className="text-xs text-slate-500 dark:text-slate-400">Colour scale</span>
          <select className={sel} value={scaleChoice} onChange={(e) => setScaleChoice(e.currentTarget.value as ScaleChoice)}>
            <option value="auto">Automatic ({whole ? chooseColourScale(whole) : '…'})</option>
            <option value="sequential">Sequential</option>
            <option value="diverging">Diverging</option>
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          <span className="text-xs text-slate-500 dark:text-slate-400">Range</span>
          <select className={sel} value={norm} disabled={geo?.channels === 1} onChange={(e) => setNormalization(e.currentTarget.value as Normalization)}>
            <option value="channel">Each channel its own</option>
            <option value="layer">Shared by the layer</option>
          </select>
        </label>
      </div>

      <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {!source
          ? 'Run the model to see its feature maps.'
          : !layer
            ? 'Choose a layer to see its feature maps.'
            : load.status === 'loading'
              ? `Reading the activations of ${layer}…`
              : load.status === 'error'
                ? load.stale
                  ? 'The model or input changed; the maps will appear after the next run.'
                  : `Could not read the feature maps: ${load.message}`
                : map && geo && whole
                  ? `${layer}${node ? ` (${describeOp(node.op)})` : ''}: ${map.layout === 'NCHW' ? `${geo.channels} channels of ${geo.height}×${geo.width}` : `a vector of ${geo.valuesPerTile} values`}; range ${formatSig(whole.min)} to ${formatSig(whole.max)}, ${formatPercent(whole.zeroFraction)} zeros.`
                  : ''}
      </p>

      {map && geo && whole && source ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="featuremaps-weights">
          {weightsCaption(source.weights)}
        </p>
      ) : null}

      {map && geo && whole && legendDomain && (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,10rem)_minmax(0,1fr)]">
          <div className="flex flex-row gap-4 lg:flex-col">
            {preview && (
              <figure className="w-28 shrink-0 lg:w-full">
                <RgbaCanvas
                  image={preview}
                  label="The input image the maps were computed from"
                  className="aspect-square w-full rounded border border-slate-200 dark:border-slate-700"
                />
                <figcaption className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  Input ({preview.width}×{preview.height})
                </figcaption>
              </figure>
            )}
            <div className="min-w-0 flex-1 space-y-3">
              <FeatureMapLegend
                scale={scale}
                domain={legendDomain}
                caption={
                  norm === 'layer' ? 'shared by all channels' : selected !== null ? `range of channel ${selected}` : 'each tile spans its own channel’s range'
                }
              />
              {selected !== null && (
                <ChannelDetail map={map} channel={selected} stats={stats[selected]} domain={domains[selected]} lut={lut} onClose={() => setChannel(null)} />
              )}
            </div>
          </div>

          <div className="min-w-0 space-y-2">
            {pg.pageCount > 1 && (
              <nav aria-label="Channel pages" className="flex flex-wrap items-center gap-2 text-sm">
                <button type="button" className={btn} disabled={pg.page === 0} onClick={() => setPage(pg.page - 1)}>
                  ← Previous
                </button>
                <span className="tabular-nums text-slate-600 dark:text-slate-400" aria-live="polite">
                  Channels {pg.start}–{pg.end - 1} of {geo.channels} (page {pg.page + 1} of {pg.pageCount})
                </span>
                <button type="button" className={btn} disabled={pg.page >= pg.pageCount - 1} onClick={() => setPage(pg.page + 1)}>
                  Next →
                </button>
              </nav>
            )}
            <ul
              className="grid gap-1"
              style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${geo.channels === 1 ? 160 : 56}px, 1fr))` }}
              aria-label={`Channels of ${layer}`}
            >
              {Array.from({ length: pg.end - pg.start }, (_, i) => pg.start + i).map((c) => {
                const s = stats[c];
                return (
                  <li key={c}>
                    <button
                      type="button"
                      aria-pressed={selected === c}
                      aria-label={`Channel ${c}: min ${formatSig(s.min)}, max ${formatSig(s.max)}, mean ${formatSig(s.mean)}, ${formatPercent(s.zeroFraction)} zeros`}
                      title={`channel ${c} · mean ${formatSig(s.mean)} · std ${formatSig(s.std)} · ${formatPercent(s.zeroFraction)} zeros`}
                      onClick={() => setChannel(selected === c ? null : c)}
                      className={`block w-full rounded-sm border-2 p-0 ${selected === c ? 'border-accent-500 dark:border-accent-400' : 'border-transparent hover:border-slate-400 dark:hover:border-slate-500'}`}
                      data-channel={c}
                    >
                      <ChannelTile map={map} channel={c} domain={domains[c]} lut={lut} className="block w-full" />
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

function ChannelDetail({
  map,
  channel,
  stats,
  domain,
  lut,
  onClose,
}: {
  map: FeatureMap;
  channel: number;
  stats: ChannelStats;
  domain: readonly [number, number];
  lut: Uint8ClampedArray;
  onClose: () => void;
}) {
  const rows: Array<[string, string]> = [
    ['min', formatSig(stats.min)],
    ['max', formatSig(stats.max)],
    ['mean', formatSig(stats.mean)],
    ['std', formatSig(stats.std)],
    ['zeros', formatPercent(stats.zeroFraction)],
  ];
  return (
    <div className="space-y-1.5 text-sm" data-testid="channel-detail">
      <div className="flex items-center justify-between">
        <span className="font-semibold text-slate-900 dark:text-white">Channel {channel}</span>
        <button type="button" className={btn} onClick={onClose} aria-label="Close channel details">
          ×
        </button>
      </div>
      <ChannelTile
        map={map}
        channel={channel}
        domain={domain}
        lut={lut}
        className="block aspect-square w-full max-w-48 rounded border border-slate-200 dark:border-slate-700"
      />
      <DescriptionList className="tabular-nums" items={rows} />
    </div>
  );
}

/** The feature maps' colour scale (its lookup table, sampled at 11 stops) with its end values, and zero for diverging. */
function FeatureMapLegend({ scale, domain, caption }: { scale: ColourScaleKind; domain: readonly [number, number]; caption: string }) {
  const lut = colourLut(scale);
  const stops = Array.from({ length: 11 }, (_, i) => {
    const j = Math.round((i / 10) * 255) * 3;
    return { offset: i / 10, color: `rgb(${lut[j]},${lut[j + 1]},${lut[j + 2]})` };
  });
  const ticks = [
    { offset: 0, label: formatSig(domain[0]) },
    ...(scale === 'diverging' ? [{ offset: 0.5, label: '0' }] : []),
    { offset: 1, label: formatSig(domain[1]) },
  ];
  return (
    <GradientLegend
      ariaLabel={`Colour scale: ${scale}, ${formatSig(domain[0])} to ${formatSig(domain[1])}, ${caption}`}
      stops={stops}
      ticks={ticks}
      caption={`${scale === 'diverging' ? 'Diverging: blue negative, white zero, red positive' : 'Sequential (viridis): dark low, yellow high'}; ${caption}`}
    />
  );
}
