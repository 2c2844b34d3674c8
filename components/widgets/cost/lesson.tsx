'use client';

import { lessonWidget } from '@/components/widgets/LessonWidget';
import { costCompareMeta } from '@/lib/widgets/cost-compare/meta';
import { CostCompare } from './CostCompare';

export const CostCompareLesson = lessonWidget(costCompareMeta, CostCompare, 'cost comparison');
