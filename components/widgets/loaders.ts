/**
 * The React code of every widget of lib/widgets/registry.ts, by id: an `import()` of its controlled
 * component (WidgetProps: state + onChange). Each `import()` is its own chunk, fetched only when a
 * page shows that widget: lessons when the widget nears the viewport (LessonWidget), embed pages
 * when they start (EmbedFrame).
 *
 * The map is typed by the definitions: a registered id without a loader, a loader for no
 * registered id, or a component whose props do not match its definition's schema fails
 * type-checking; components/widgets/registry.test.ts resolves every loader. This file imports the
 * registry's types only, so it adds no widget meta to a bundle.
 */
import type { ComponentType } from 'react';
import type { Schema } from '@/lib/url-state/schema';
import type { SchemaOf, WidgetId } from '@/lib/widgets/registry';
import type { WidgetProps } from '@/lib/widgets/types';

export type WidgetComponent<S extends Schema = Schema> = ComponentType<WidgetProps<S>>;
export type WidgetLoader<S extends Schema> = () => Promise<WidgetComponent<S>>;

export const WIDGET_LOADERS: { readonly [Id in WidgetId]: WidgetLoader<SchemaOf<Id>> } = {
  'rf-depth': () => import('@/components/widgets/rf/RfDepth').then((m) => m.RfDepth),
  'dense-connectivity': () => import('@/components/widgets/densenet/DenseConnectivity').then((m) => m.DenseConnectivity),
  'dense-reuse': () => import('@/components/widgets/densenet/DenseReuse').then((m) => m.DenseReuse),
  'channel-profile': () => import('@/components/widgets/densenet/ChannelProfile').then((m) => m.ChannelProfile),
  'cost-compare': () => import('@/components/widgets/cost/CostCompare').then((m) => m.CostCompare),
  'cardinality-groups': () => import('@/components/widgets/resnext/CardinalityGroups').then((m) => m.CardinalityGroups),
  'group-equivalence': () => import('@/components/widgets/resnext/GroupEquivalence').then((m) => m.GroupEquivalence),
  'time-breakdown': () => import('@/components/widgets/shufflenet/TimeBreakdown').then((m) => m.TimeBreakdownWidget),
  'guideline-lab': () => import('@/components/widgets/shufflenet/GuidelineLab').then((m) => m.GuidelineLabWidget),
  'channel-shuffle': () => import('@/components/widgets/shufflenet/ChannelShuffle').then((m) => m.ChannelShuffleWidget),
  'reward-explorer': () => import('@/components/widgets/mnasnet/RewardExplorer').then((m) => m.RewardExplorerWidget),
  'search-space': () => import('@/components/widgets/mnasnet/SearchSpaceExplorer').then((m) => m.SearchSpaceWidget),
  lineup: () => import('@/components/widgets/choosing/LineupWidget').then((m) => m.LineupWidget),
  'dense-concat': () => import('@/components/widgets/densenet/DenseConcat').then((m) => m.DenseConcat),
  'inverted-residual': () => import('@/components/widgets/mnasnet/InvertedResidual').then((m) => m.InvertedResidual),
  'lab-graph': () => import('@/components/embed/lab/LabGraphWidget').then((m) => m.LabGraphWidget),
  'lab-runner': () => import('@/components/embed/lab/LabRunnerWidget').then((m) => m.LabRunnerWidget),
  'lab-feature-maps': () => import('@/components/embed/lab/LabFeatureMapsWidget').then((m) => m.LabFeatureMapsWidget),
  'lab-explain': () => import('@/components/embed/lab/LabExplainWidget').then((m) => m.LabExplainWidget),
  'lab-flops-vs-time': () => import('@/components/embed/lab/LabFlopsVsTimeWidget').then((m) => m.LabFlopsVsTimeWidget),
  train: () => import('@/components/train/TrainWidget').then((m) => m.TrainWidget),
  'grouped-conv': () => import('@/components/widgets/resnext/GroupedConv').then((m) => m.GroupedConvWidget),
  'depthwise-separable': () => import('@/components/widgets/mnasnet/DepthwiseSeparable').then((m) => m.DepthwiseSeparableWidget),
};

/** The loader of a registered widget (ids come from the registry at run time, so they are strings). */
export function loaderOf(id: string): WidgetLoader<Schema> | undefined {
  return Object.prototype.hasOwnProperty.call(WIDGET_LOADERS, id) ? (WIDGET_LOADERS[id as WidgetId] as unknown as WidgetLoader<Schema>) : undefined;
}
