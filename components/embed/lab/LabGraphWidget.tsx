'use client';

import { useMemo } from 'react';
import { ArchitectureGraph } from '@/components/graph/ArchitectureGraph';
import { setExpanded, toggleExpanded, type ColorMode } from '@/lib/graph';
import type { WidgetProps } from '@/lib/widgets/types';
import { labGraphSchema, type LabGraphSchema } from '@/lib/widgets/lab-graph/meta';
import { ModelSelect, useModelGraph } from './common';
import { Select } from '@/components/ui/Select';

const SIZES = [32, 64, 96, 128, 160, 224, 256, 320, 384, 448, 512] as const;

/** The lab's architecture graph as a controlled widget (lab-graph): the state is the lab's own. */
export function LabGraphWidget({ state, onChange }: WidgetProps<LabGraphSchema>) {
  const graph = useModelGraph(state.model, state.size);
  const expanded = useMemo(() => new Set(state.open.split(',').filter(Boolean)), [state.open]);
  const openSet = () => new Set(state.open.split(',').filter(Boolean));
  const selected = state.layer && (graph.nodes.some((n) => n.name === state.layer) || graph.groups.some((g) => g.id === state.layer)) ? state.layer : null;
  const sizes = SIZES.includes(state.size as (typeof SIZES)[number]) ? SIZES : [...SIZES, state.size].sort((a, b) => a - b);
  return (
    <div className="space-y-3" data-testid="lab-graph">
      <div className="flex flex-wrap items-end gap-3">
        <ModelSelect value={state.model} onChange={(model) => onChange({ model, open: '', layer: '' })} />
        <Select
          label="Input size"
          control="size"
          value={String(state.size)}
          onChange={(v) => onChange({ size: Number(v) })}
          options={sizes.map((sz) => [String(sz), `${sz}×${sz}`] as const)}
        />
      </div>
      <ArchitectureGraph
        graph={graph}
        expanded={expanded}
        onToggle={(g) => onChange({ open: [...toggleExpanded(openSet(), g)].join(',') })}
        onSetExpanded={(ids, open) => onChange({ open: [...setExpanded(openSet(), ids, open)].join(',') })}
        colorBy={state.color as ColorMode}
        onColorByChange={(color) => onChange({ color })}
        selected={selected}
        onSelect={(layer) => onChange({ layer })}
        height={480}
      />
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {graph.id} at {state.size}×{state.size}, with the paper&apos;s settings ({labGraphSchema.model.values.length} models to choose from).
      </p>
    </div>
  );
}
