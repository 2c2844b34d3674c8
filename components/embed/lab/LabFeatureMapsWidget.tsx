'use client';

import { FeatureMaps } from '@/components/lab/FeatureMaps';
import { Notices } from '@/components/ui/Notices';
import type { Notice } from '@/lib/url-state/schema';
import type { WidgetProps } from '@/lib/widgets/types';
import type { LabFeatureMapsSchema } from '@/lib/widgets/lab-feature-maps/meta';
import { BackendPicker, ModelSelect, useEmbedRun, useModelGraph } from './common';
import { useCellSelection } from '@/components/lab/useCellSelection';

/** The lab's feature maps as a controlled widget (lab-feature-maps), with its own run. */
export function LabFeatureMapsWidget({ state, onChange }: WidgetProps<LabFeatureMapsSchema>) {
  const graph = useModelGraph(state.model);
  const { current, runner } = useEmbedRun(state, onChange, graph);
  const known = state.layer !== '' && graph.nodes.some((n) => n.name === state.layer);
  // An empty layer means "somewhere in the middle"; an unknown one is named in a notice.
  const layer = known ? state.layer : graph.nodes[Math.floor(graph.nodes.length / 2)].name;
  const notices: Notice[] =
    state.layer !== '' && !known
      ? [
          {
            param: 'layer',
            given: state.layer,
            allowed: `a layer of ${graph.id}`,
            message: `"layer" cannot be "${state.layer}": ${graph.id} has no layer of that name. Showing ${layer} instead.`,
          },
        ]
      : [];
  const cellSel = useCellSelection(graph, layer, state.channel, state.cell, onChange);
  return (
    <div className="space-y-3">
      <Notices notices={[...notices, ...cellSel.notices]} title="A setting in the link was not used" />
      <div className="flex flex-wrap items-end gap-3">
        <ModelSelect value={state.model} onChange={(model) => onChange({ model, layer: '', channel: '', cell: '' })} />
        <BackendPicker value={state.backend} onChange={(backend) => onChange({ backend })} />
      </div>
      <FeatureMaps
        source={current}
        layer={layer}
        onLayerChange={(l) => onChange({ layer: l, channel: '', cell: '' })}
        channel={cellSel.channel}
        onChannelChange={cellSel.onChannelChange}
        unit={cellSel.unit}
        onUnitChange={cellSel.onUnitChange}
      />
      {runner}
    </div>
  );
}
