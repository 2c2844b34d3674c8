'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import type { Graph, Pair } from '@/lib/arch/ir';
import { receptiveFields } from '@/lib/arch/receptive-field';
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
import { centreCell, inGrid, tileCellToUnit, type Unit, unitGrid, unitToTileCell, unitValue } from '@/lib/lab/cell-selection';
import { fieldCentre, summarizeField, theoreticalBox } from '@/lib/explain/effective-rf';
import { normalise } from '@/lib/explain/heatmap';
import { CellPicker } from './CellPicker';
import { FeatureMapControls, type ScaleChoice } from './FeatureMapControls';
import { ChannelDetail, FeatureMapLegend } from './ChannelDetail';
import { FieldImage } from './FieldImage';
import { FieldLegend, FieldReadout, unitName } from './FieldReadout';
import { useEffectiveField } from './useEffectiveField';
import { weightsLabelText } from './runner-plan';
import { useControllable } from './useControllable';
import { smallButtonClass } from '@/components/ui/styles';

export type { ScaleChoice } from './FeatureMapControls';

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
  /** Selected channel (shown large with its statistics); a vector's feature. */
  readonly channel?: number | null;
  readonly onChannelChange?: (c: number | null) => void;
  /** Selected unit (channel and cell): its receptive fields are drawn on the input image. */
  readonly unit?: Unit | null;
  readonly onUnitChange?: (u: Unit | null) => void;
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

function hasPreview(h: LabHandle | null): h is LabHandle & { inputPreview: RgbaImage } {
  return !!h && 'inputPreview' in h;
}

/**
 * A layer's activations from the real run: one tile per channel (paged), coloured by a sequential
 * or diverging scale with a legend, per-channel statistics, and the input image beside them.
 */
export function FeatureMaps(props: FeatureMapsProps) {
  const { source, layer, perPage = 32, className } = props;
  const [pageChosen, setPage] = useControllable<number | null>(props.page, props.onPageChange ? (p) => props.onPageChange?.(p ?? 0) : undefined, null);
  const [normalization, setNormalization] = useControllable<Normalization>(props.normalization, props.onNormalizationChange, 'channel');
  const [scaleChoice, setScaleChoice] = useControllable<ScaleChoice>(props.scale, props.onScaleChange, 'auto');
  const [channel, setChannel] = useControllable<number | null>(props.channel, props.onChannelChange, null);
  const [unitChosen, setUnit] = useControllable<Unit | null>(props.unit, props.onUnitChange, null);
  // The keyboard cursor: shown while its tile has focus; its cell is kept for the next tile focused.
  const [cursor, setCursor] = useState<{ tile: number; cell: Pair; large: boolean; focused: boolean } | null>(null);
  const hintId = useId();
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
  const grid = map ? unitGrid(map.shape.slice(1)) : null;
  const norm: Normalization = geo && geo.channels === 1 ? 'layer' : normalization;
  const domains = useMemo(() => (whole ? stats.map((s) => tileDomain(norm, scale, whole, s)) : []), [stats, whole, norm, scale]);
  // The selected channel's tile (a vector's features are all in tile 0), and the selected unit where the layer has it.
  const selected = channel !== null && grid && channel < grid.channels ? (grid.layout === 'NCHW' ? channel : 0) : null;
  const unit = unitChosen && grid && inGrid(grid, unitChosen) ? unitChosen : null;
  const unitTile = unit && grid && geo ? unitToTileCell(grid, geo, unit) : null;
  const pg = tilePage(geo?.channels ?? 0, perPage, pageChosen ?? (selected !== null ? Math.floor(selected / perPage) : 0));
  const legendDomain: readonly [number, number] | null = whole
    ? selected !== null && norm === 'channel'
      ? domains[selected]
      : tileDomain('layer', scale, whole, whole)
    : null;
  const preview = props.inputImage ?? (hasPreview(source) ? source.inputPreview : null);
  const graph: Graph | null = source?.graph ?? null;
  const node = graph && layer ? graph.nodes.find((n) => n.name === layer) : undefined;
  const fields = useMemo(() => (graph ? receptiveFields(graph) : null), [graph]);
  const field = layer ? (fields?.get(layer) ?? null) : null;
  const imageSize: Pair | null = graph ? [graph.input[1], graph.input[2]] : null;
  const theoretical = unit && field && imageSize ? theoreticalBox(field, unit.cell, imageSize) : null;
  // The effective field follows the selection (checked against the layer's shape), not the loaded
  // maps: while they reload for a new handle of the same run, its job and its question stay.
  const nodeGrid = node ? unitGrid(node.outShape) : null;
  const erf = useEffectiveField(load.status === 'error' ? null : source, layer, unitChosen && nodeGrid && inGrid(nodeGrid, unitChosen) ? unitChosen : null);
  const summary = useMemo(() => (erf.gradient && field && unit ? summarizeField(erf.gradient, field, unit.cell) : null), [erf.gradient, field, unit]);
  const heat = useMemo(
    () => (erf.gradient ? { values: normalise(erf.gradient.data), height: erf.gradient.height, width: erf.gradient.width } : null),
    [erf.gradient],
  );

  const select = (tile: number, cell: Pair) => {
    if (!grid || !geo) return;
    const u = tileCellToUnit(grid, geo, tile, cell);
    if (!u) return;
    setChannel(u.channel);
    setUnit(u);
  };
  const clearSelection = () => {
    setChannel(null);
    setUnit(null);
  };
  // The cursor starts on the tile's selected cell, else where it last was, else the centre.
  const focusTile = (tile: number, large: boolean) => {
    if (!geo) return;
    const own = unitTile && unitTile.tile === tile ? unitTile.cell : null;
    const last = cursor && cursor.cell[0] < geo.height && cursor.cell[0] * geo.width + cursor.cell[1] < geo.valuesPerTile ? cursor.cell : null;
    setCursor({ tile, cell: own ?? last ?? centreCell(geo.height, geo.width, geo.valuesPerTile), large, focused: true });
  };
  const shown = cursor?.focused ? cursor : null;
  const cursorUnit = shown && grid && geo ? tileCellToUnit(grid, geo, shown.tile, shown.cell) : null;

  const picker = (c: number, large: boolean) => {
    const s = stats[c];
    const what = grid?.layout === 'NF' ? `Features of ${layer}` : `Channel ${c}`;
    return (
      <CellPicker
        map={map!}
        tile={c}
        geo={geo!}
        domain={domains[c]}
        lut={lut}
        cursor={shown && shown.tile === c && shown.large === large ? shown.cell : null}
        selected={unitTile && unitTile.tile === c ? unitTile.cell : null}
        pressed={selected === c}
        label={`${what}: min ${formatSig(s.min)}, max ${formatSig(s.max)}, mean ${formatSig(s.mean)}, ${formatPercent(s.zeroFraction)} zeros`}
        describedBy={hintId}
        onFocus={() => focusTile(c, large)}
        onBlur={() => setCursor((k) => (k ? { ...k, focused: false } : k))}
        onCursor={(cell) => setCursor({ tile: c, cell, large, focused: true })}
        onSelect={(cell) => {
          select(c, cell);
          setCursor({ tile: c, cell, large, focused: true });
        }}
        className={large ? 'max-w-48 rounded border-slate-200 dark:border-slate-700' : undefined}
        testId={large ? 'channel-detail-tile' : undefined}
      />
    );
  };

  return (
    <section
      aria-label="Feature maps"
      className={`not-prose space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800 ${className ?? ''}`}
      data-testid="feature-maps"
    >
      <FeatureMapControls
        graph={props.onLayerChange ? graph : null}
        layer={layer}
        onLayerChange={(l) => props.onLayerChange?.(l)}
        scaleChoice={scaleChoice}
        autoScale={whole ? chooseColourScale(whole) : null}
        onScaleChange={setScaleChoice}
        normalization={norm}
        normalizationFixed={geo?.channels === 1}
        onNormalizationChange={setNormalization}
      />

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

      {map && geo && grid && whole && legendDomain && (
        <div className={`grid gap-4 ${unit ? 'lg:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]' : 'lg:grid-cols-[minmax(0,10rem)_minmax(0,1fr)]'}`}>
          <div className={`flex gap-4 lg:flex-col ${unit ? 'flex-col sm:flex-row' : 'flex-row'}`}>
            {preview && (
              <figure className={`shrink-0 lg:w-full ${unit ? 'w-full max-w-72 sm:w-56' : 'w-28'}`}>
                <FieldImage
                  image={preview}
                  label={
                    unit && theoretical
                      ? `The input image the maps were computed from, with the receptive fields of ${unitName(grid, unit).toLowerCase()} drawn over it`
                      : 'The input image the maps were computed from'
                  }
                  overlay={
                    unit && theoretical && field
                      ? { theoretical: theoretical.box, centre: fieldCentre(field, unit.cell), heat, effective: summary?.extent?.box ?? null }
                      : null
                  }
                />
                <figcaption className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  Input ({preview.width}×{preview.height}){unit ? ', with the selected cell’s fields' : ''}
                </figcaption>
                {unit ? <FieldLegend peak={summary?.peak ?? null} /> : null}
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
                <ChannelDetail
                  title={grid.layout === 'NCHW' ? `Channel ${selected}` : `Feature ${channel}`}
                  stats={stats[selected]}
                  tile={picker(selected, true)}
                  onClose={clearSelection}
                />
              )}
            </div>
          </div>

          <div className="min-w-0 space-y-2">
            {unit && theoretical && field && imageSize && source ? (
              <FieldReadout
                layer={layer ?? ''}
                unit={unit}
                grid={grid}
                field={field}
                theoretical={theoretical}
                image={imageSize}
                summary={summary}
                erf={erf}
                weights={source.weights}
              />
            ) : null}
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
            <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="cell-cursor">
              {cursorUnit
                ? `${unitName(grid, cursorUnit)}: ${formatSig(unitValue(map, grid, cursorUnit))}. Arrow keys move, Enter shows its receptive fields.`
                : 'Click a cell of any channel (or focus a tile, move with the arrow keys and press Enter) to see its receptive fields on the image.'}
            </p>
            <ul
              className="grid gap-1"
              style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${geo.channels === 1 ? 160 : 56}px, 1fr))` }}
              aria-label={`Channels of ${layer}`}
            >
              {Array.from({ length: pg.end - pg.start }, (_, i) => pg.start + i).map((c) => (
                <li
                  key={c}
                  title={`channel ${c} · mean ${formatSig(stats[c].mean)} · std ${formatSig(stats[c].std)} · ${formatPercent(stats[c].zeroFraction)} zeros`}
                >
                  {picker(c, false)}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
