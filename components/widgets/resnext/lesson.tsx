'use client';

/** The ResNeXt lesson's widgets with page-local state, initialised from MDX props. */
import { lessonWidget } from '@/components/widgets/LessonWidget';
import { cardinalityGroupsMeta } from '@/lib/widgets/cardinality-groups/meta';
import { groupEquivalenceMeta } from '@/lib/widgets/group-equivalence/meta';
import { CardinalityGroups } from './CardinalityGroups';
import { GroupEquivalence } from './GroupEquivalence';

export const CardinalityGroupsLesson = lessonWidget(cardinalityGroupsMeta, CardinalityGroups, 'cardinality');
export const GroupEquivalenceLesson = lessonWidget(groupEquivalenceMeta, GroupEquivalence, 'equivalence');
