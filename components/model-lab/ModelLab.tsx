'use client';

import { useMemo, useState } from 'react';
import { ArchitectureGraph } from '@/components/graph/ArchitectureGraph';
import { Notices } from '@/components/ui/Notices';
import { setExpanded, toggleExpanded, type ColorMode } from '@/lib/graph';
import { labGraph, type LabGraph } from '@/lib/models/lab-graph';
import { knobParamNames, labSchema, type LabState } from '@/lib/models/lab-schema';
import { useUrlState } from '@/lib/url-state/use-url-state';
import { KnobsPanel } from './KnobsPanel';
import { LayerTable } from './LayerTable';
import { Totals } from './Totals';

/**
 * The model lab. Its whole state lives in the URL (model knobs, input size, selected layer,
 * expanded groups, colour mode, backend, sample, seed), so any view can be shared by its link.
 * Graph, table and charts all read the same spec and the same run, so they always agree.
 */
export function ModelLab({ id }: { id: string }) {
  const schema = useMemo(() => labSchema(id), [id]);
  const names = useMemo(() => knobParamNames(id), [id]);
  const [rawState, notices, updateRaw] = useUrlState(schema);
  const state = rawState as LabState;
  // Family knobs are only known at run time (per model), so patches are checked by the schema.
  type Raw = typeof rawState;
  const update = (patch: Record<string, unknown> | ((prev: LabState) => Record<string, unknown>)) =>
    updateRaw((typeof patch === 'function' ? (prev: Raw) => patch(prev as LabState) : patch) as Partial<Raw>);
  const openSet = (prev: LabState) => new Set(prev.open.split(',').filter(Boolean));
  const expanded = useMemo(() => new Set(state.open.split(',').filter(Boolean)), [state.open]);

  const built = useMemo(() => labGraph(id, state), [id, state]);
  // Keep showing the last valid network while the knobs describe an impossible one.
  // (React's "storing information from previous renders" pattern: set state during render.)
  const [lastGood, setLastGood] = useState<Extract<LabGraph, { ok: true }> | null>(built.ok ? built : null);
  if (built.ok && lastGood !== built) setLastGood(built);
  const current = built.ok ? built : (lastGood ?? labGraph(id, { ...state, ...defaults(schema) }));
  if (!current.ok) throw new Error(`the default ${id} failed to build: ${current.error}`);
  const { graph, cost } = current;
  const selected = state.layer && (graph.nodes.some((n) => n.name === state.layer) || graph.groups.some((g) => g.id === state.layer)) ? state.layer : null;

  return (
    <div className="space-y-6">
      <Notices notices={notices} />
      <Totals graph={graph} total={cost.total} />
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <KnobsPanel
          schema={schema}
          names={names}
          state={state}
          error={built.ok ? null : built.error}
          onChange={update}
          onReset={() => update({ ...defaults(schema), layer: state.layer, color: state.color, backend: state.backend, sample: state.sample })}
        />
        <section aria-labelledby="graph-heading" className="hidden min-w-0 md:block">
          <h2 id="graph-heading" className="mb-2 font-semibold text-slate-900 dark:text-white">
            Architecture
          </h2>
          <ArchitectureGraph
            graph={graph}
            expanded={expanded}
            onToggle={(g) => update((prev) => ({ open: [...toggleExpanded(openSet(prev), g)].join(',') }))}
            onSetExpanded={(ids, open) => update((prev) => ({ open: [...setExpanded(openSet(prev), ids, open)].join(',') }))}
            colorBy={state.color as ColorMode}
            onColorByChange={(color) => update({ color })}
            selected={selected}
            onSelect={(layer) => update({ layer })}
            height={560}
          />
        </section>
      </div>
      <section aria-labelledby="layers-heading" className="min-w-0">
        <h2 id="layers-heading" className="mb-2 font-semibold text-slate-900 dark:text-white">
          Layers
        </h2>
        <LayerTable graph={graph} perNode={cost.perNode} times={null} selected={selected} onSelect={(layer) => update({ layer })} />
      </section>
    </div>
  );
}

function defaults(schema: ReturnType<typeof labSchema>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).map(([k, p]) => [k, p.default]));
}
