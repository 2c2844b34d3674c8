'use client';

import { useMemo, useRef, useState } from 'react';
import { Legend } from '@/components/ui/Legend';
import { smallButtonClass } from '@/components/ui/styles';
import { downloadPng, downloadSvg } from '@/lib/lab/download';
import { formatGBps, formatGflops, formatMs, formatPercent, formatSig, trimZeros } from '@/lib/format';
import { OP_KIND_LABELS, kindColour } from '@/lib/lab/op-kind';
import { exportFileName } from '@/lib/lab/profile-export';
import { type LabProfile, roofsOf } from '@/lib/lab/profile-stats';
import { RooflineChart, rooflineText } from './RooflineChart';

export interface RooflineFigureProps {
  readonly profile: LabProfile;
  readonly width: number;
  readonly backendLabel: string;
  readonly highlight: string | null;
  readonly onHighlight: (layer: string | null) => void;
  readonly onSelect: (layer: string) => void;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The roofline figure of the FLOPs-versus-time view: the device's measured roofs, every step on
 * them, a key by op kind, the highlighted step in words, and what the time-weighted share of the
 * roof says about the model on this device.
 */
export function RooflineFigure({ profile, width, backendLabel, highlight, onHighlight, onSelect }: RooflineFigureProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const roofs = roofsOf(profile.device);
  const kinds = useMemo(() => [...new Set(profile.rows.map((r) => r.kind))], [profile]);
  const memoryShare = useMemo(() => {
    const timed = profile.rows.filter((r) => Number.isFinite(r.ms) && r.bound !== null);
    const total = timed.reduce((s, r) => s + r.ms, 0);
    return total > 0 ? timed.filter((r) => r.bound === 'memory').reduce((s, r) => s + r.ms, 0) / total : NaN;
  }, [profile]);
  // The whole model against its bound: the time the roofs allow for every step, over the time measured.
  const modelFraction = useMemo(() => {
    if (!roofs) return NaN;
    const bound = profile.rows.reduce((s, r) => s + (Number.isFinite(r.rooflineFraction) ? r.rooflineFraction * r.ms : 0), 0);
    return profile.sumLayersMs > 0 ? bound / profile.sumLayersMs : NaN;
  }, [profile, roofs]);

  if (!profile.device || !roofs) {
    return <p className="text-xs text-slate-600 dark:text-slate-400">The device’s peaks were not measured, so there is no roofline for this profile.</p>;
  }
  const d = profile.device;
  const row = highlight ? profile.rows.find((r) => r.name === highlight) : undefined;
  const title = `${profile.graphId} on ${backendLabel} at ${profile.size}×${profile.size}: roofline of this device (${formatGflops(d.peakGflops)}, ${formatGBps(d.peakGBps)}) with ${profile.rows.length} layers`;

  const exportFigure = async (format: 'svg' | 'png') => {
    const svg = svgRef.current;
    if (!svg) return;
    setExportError(null);
    const name = exportFileName(profile, 'roofline', format);
    try {
      if (format === 'svg') downloadSvg(svg, name);
      else await downloadPng(svg, name);
    } catch (e) {
      setExportError(`Export failed: ${errorText(e)}`);
    }
  };

  return (
    <figure className="space-y-2" data-testid="roofline">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm font-semibold text-slate-900 dark:text-white">
        <span>Each layer on this device’s roofline</span>
        <span className="flex gap-1 font-normal">
          <button type="button" className={smallButtonClass} onClick={() => void exportFigure('svg')}>
            SVG
          </button>
          <button type="button" className={smallButtonClass} onClick={() => void exportFigure('png')}>
            PNG
          </button>
        </span>
      </figcaption>
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="device-roofs">
        Measured on {backendLabel} just now: peak {formatGflops(d.peakGflops)} (matmul {formatGflops(d.matmulGflops)}, 3×3 conv {formatGflops(d.convGflops)}),
        memory {formatGBps(d.peakGBps)} (element-wise add); ridge at {trimZeros(formatSig(d.peakGflops / d.peakGBps))} FLOP per byte.
      </p>
      <Legend items={kinds.map((k) => ({ key: k, swatch: { shape: 'dot', color: kindColour(k) }, label: OP_KIND_LABELS[k] }))} />
      <RooflineChart
        svgRef={svgRef}
        rows={profile.rows}
        roofs={roofs}
        width={width}
        highlight={highlight}
        onHighlight={onHighlight}
        onSelect={onSelect}
        title={title}
      />
      <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="roofline-highlight">
        {row ? rooflineText(row) : 'Hover a point, or focus the chart and use the arrow keys, to read a layer.'}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        A layer can go no higher than the roof above it: left of the ridge the memory bandwidth bounds it (bytes moved ÷ bandwidth), right of it the arithmetic
        peak. Bytes are float32 inputs, weights and outputs each moved once (a lower bound: real kernels re-read), FLOPs include BatchNorm, activations and
        adds. Memory-bound layers took {formatPercent(memoryShare)} of the time; the model as a whole reached {formatPercent(modelFraction)} of what the roofs
        allow ({formatMs(profile.sumLayersMs)} measured). Layers with 0 FLOPs (concat, split, shuffle) sit in the left strip at the share of the bandwidth roof
        they reached.
      </p>
      {exportError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {exportError}
        </p>
      )}
    </figure>
  );
}
