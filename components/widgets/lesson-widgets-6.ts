import type { MDXComponents } from 'mdx/types';
import { CostCompareLesson } from './cost/lesson';
import { DenseNetConfigTable } from './densenet/DenseNetConfigTable';
import { ChannelProfileLesson, DenseConnectivityLesson, DenseReuseLesson } from './densenet/lesson';
import { CardinalityAblationTable, ResNeXtComparisonTable } from './resnext/ResNeXtTables';
import { CardinalityGroupsLesson, GroupEquivalenceLesson } from './resnext/lesson';

/**
 * Widgets of the DenseNet and ResNeXt lessons, by the name lessons use in MDX. Interactive ones keep
 * their state in the page, initialised from their MDX props (checked against the widget's URL
 * schema in lib/widgets/<id>/meta.ts); the tables are server-rendered from lib/arch.
 */
export const lessonWidgets6: MDXComponents = {
  DenseConnectivity: DenseConnectivityLesson,
  DenseReuse: DenseReuseLesson,
  ChannelProfile: ChannelProfileLesson,
  DenseNetConfigTable,
  CostCompare: CostCompareLesson,
  CardinalityGroups: CardinalityGroupsLesson,
  GroupEquivalence: GroupEquivalenceLesson,
  ResNeXtComparisonTable,
  CardinalityAblationTable,
};
