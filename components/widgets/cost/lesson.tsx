'use client';

import { costCompareSchema } from '@/lib/widgets/cost-compare/meta';
import { withLocalState } from '@/components/widgets/densenet/local-state';
import { CostCompare } from './CostCompare';

export const CostCompareLesson = withLocalState(costCompareSchema, CostCompare, 'cost comparison');
