'use client';

/**
 * Widget id → its controlled React component (WidgetProps: state + onChange), for every widget in
 * lib/widgets/registry.ts. Each is loaded on demand (next/dynamic), so an embed page downloads only
 * its own widget. `entry()` ties a component to its meta, so a mismatch fails type-checking.
 */
import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';
import type { Schema } from '@/lib/url-state/schema';
import type { CardinalityGroupsSchema } from '@/lib/widgets/cardinality-groups/meta';
import type { ChannelProfileSchema } from '@/lib/widgets/channel-profile/meta';
import type { ChannelShuffleSchema } from '@/lib/widgets/channel-shuffle/meta';
import type { CostCompareSchema } from '@/lib/widgets/cost-compare/meta';
import type { DenseConnectivitySchema } from '@/lib/widgets/dense-connectivity/meta';
import type { DenseReuseSchema } from '@/lib/widgets/dense-reuse/meta';
import type { GroupEquivalenceSchema } from '@/lib/widgets/group-equivalence/meta';
import type { GuidelineLabSchema } from '@/lib/widgets/guideline-lab/meta';
import type { LabFeatureMapsSchema } from '@/lib/widgets/lab-feature-maps/meta';
import type { LabFlopsVsTimeSchema } from '@/lib/widgets/lab-flops-vs-time/meta';
import type { LabGraphSchema } from '@/lib/widgets/lab-graph/meta';
import type { LabRunnerSchema } from '@/lib/widgets/lab-runner/meta';
import type { RewardExplorerSchema } from '@/lib/widgets/reward-explorer/meta';
import type { SearchSpaceSchema } from '@/lib/widgets/search-space/meta';
import type { TimeBreakdownSchema } from '@/lib/widgets/time-breakdown/meta';
import type { WidgetProps } from '@/lib/widgets/types';

export type AnyWidgetComponent = ComponentType<WidgetProps<Schema>>;

function Loading() {
  return <p className="py-8 text-center text-sm text-slate-500 dark:text-slate-400">Loading the widget…</p>;
}

/** Typed at the call site (component ↔ schema), stored untyped (looked up by id at run time). */
const entry = <S extends Schema>(c: ComponentType<WidgetProps<S>>): AnyWidgetComponent => c as unknown as AnyWidgetComponent;

export const WIDGET_COMPONENTS: Readonly<Record<string, AnyWidgetComponent>> = {
  'dense-connectivity': entry<DenseConnectivitySchema>(
    dynamic(() => import('@/components/widgets/densenet/DenseConnectivity').then((m) => m.DenseConnectivity), { loading: Loading }),
  ),
  'dense-reuse': entry<DenseReuseSchema>(dynamic(() => import('@/components/widgets/densenet/DenseReuse').then((m) => m.DenseReuse), { loading: Loading })),
  'channel-profile': entry<ChannelProfileSchema>(dynamic(() => import('@/components/widgets/densenet/ChannelProfile').then((m) => m.ChannelProfile), { loading: Loading })),
  'cost-compare': entry<CostCompareSchema>(dynamic(() => import('@/components/widgets/cost/CostCompare').then((m) => m.CostCompare), { loading: Loading })),
  'cardinality-groups': entry<CardinalityGroupsSchema>(
    dynamic(() => import('@/components/widgets/resnext/CardinalityGroups').then((m) => m.CardinalityGroups), { loading: Loading }),
  ),
  'group-equivalence': entry<GroupEquivalenceSchema>(
    dynamic(() => import('@/components/widgets/resnext/GroupEquivalence').then((m) => m.GroupEquivalence), { loading: Loading }),
  ),
  'time-breakdown': entry<TimeBreakdownSchema>(
    dynamic(() => import('@/components/widgets/shufflenet/TimeBreakdown').then((m) => m.TimeBreakdownWidget), { loading: Loading }),
  ),
  'guideline-lab': entry<GuidelineLabSchema>(dynamic(() => import('@/components/widgets/shufflenet/GuidelineLab').then((m) => m.GuidelineLabWidget), { loading: Loading })),
  'channel-shuffle': entry<ChannelShuffleSchema>(
    dynamic(() => import('@/components/widgets/shufflenet/ChannelShuffle').then((m) => m.ChannelShuffleWidget), { loading: Loading }),
  ),
  'reward-explorer': entry<RewardExplorerSchema>(
    dynamic(() => import('@/components/widgets/mnasnet/RewardExplorer').then((m) => m.RewardExplorerWidget), { loading: Loading }),
  ),
  'search-space': entry<SearchSpaceSchema>(dynamic(() => import('@/components/widgets/mnasnet/SearchSpaceExplorer').then((m) => m.SearchSpaceWidget), { loading: Loading })),
  'lab-graph': entry<LabGraphSchema>(dynamic(() => import('./lab/LabGraphWidget').then((m) => m.LabGraphWidget), { loading: Loading })),
  'lab-runner': entry<LabRunnerSchema>(dynamic(() => import('./lab/LabRunnerWidget').then((m) => m.LabRunnerWidget), { loading: Loading })),
  'lab-feature-maps': entry<LabFeatureMapsSchema>(dynamic(() => import('./lab/LabFeatureMapsWidget').then((m) => m.LabFeatureMapsWidget), { loading: Loading })),
  'lab-flops-vs-time': entry<LabFlopsVsTimeSchema>(dynamic(() => import('./lab/LabFlopsVsTimeWidget').then((m) => m.LabFlopsVsTimeWidget), { loading: Loading })),
};
