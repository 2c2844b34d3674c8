'use client';

import type { Graph } from '@/lib/arch/ir';
import { describeOp } from '@/lib/arch/format';
import type { ColourScaleKind, Normalization } from '@/lib/lab/featuremap-display';
import { smallControlClass as sel } from '@/components/ui/styles';

export type ScaleChoice = 'auto' | ColourScaleKind;

export interface FeatureMapControlsProps {
  /** When given, a layer picker over its nodes. */
  readonly graph: Graph | null;
  readonly layer: string | null;
  readonly onLayerChange: (layer: string) => void;
  readonly scaleChoice: ScaleChoice;
  /** What 'auto' chose for the maps shown (null before any). */
  readonly autoScale: ColourScaleKind | null;
  readonly onScaleChange: (s: ScaleChoice) => void;
  readonly normalization: Normalization;
  /** A single tile (a vector) has one range only. */
  readonly normalizationFixed: boolean;
  readonly onNormalizationChange: (n: Normalization) => void;
}

/** The feature-map view's controls: layer, colour scale, range. */
export function FeatureMapControls(p: FeatureMapControlsProps) {
  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-2 text-sm">
      {p.graph && (
        <label className="flex flex-col gap-0.5" data-control="layer">
          <span className="text-xs text-slate-500 dark:text-slate-400">Layer</span>
          <select className={`${sel} max-w-[18rem]`} value={p.layer ?? ''} onChange={(e) => p.onLayerChange(e.currentTarget.value)}>
            {!p.layer && <option value="">Choose a layer…</option>}
            {p.graph.nodes.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name} ({describeOp(n.op)})
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-500 dark:text-slate-400">Colour scale</span>
        <select className={sel} value={p.scaleChoice} onChange={(e) => p.onScaleChange(e.currentTarget.value as ScaleChoice)}>
          <option value="auto">Automatic ({p.autoScale ?? '…'})</option>
          <option value="sequential">Sequential</option>
          <option value="diverging">Diverging</option>
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-500 dark:text-slate-400">Range</span>
        <select
          className={sel}
          value={p.normalization}
          disabled={p.normalizationFixed}
          onChange={(e) => p.onNormalizationChange(e.currentTarget.value as Normalization)}
        >
          <option value="channel">Each channel its own</option>
          <option value="layer">Shared by the layer</option>
        </select>
      </label>
    </div>
  );
}
