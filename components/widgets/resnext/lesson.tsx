'use client';

/** The ResNeXt lesson's widgets with page-local state, initialised from MDX props. */
import { cardinalityGroupsSchema } from '@/lib/widgets/cardinality-groups/meta';
import { groupEquivalenceSchema } from '@/lib/widgets/group-equivalence/meta';
import { withLocalState } from '@/components/widgets/densenet/local-state';
import { CardinalityGroups } from './CardinalityGroups';
import { GroupEquivalence } from './GroupEquivalence';

export const CardinalityGroupsLesson = withLocalState(cardinalityGroupsSchema, CardinalityGroups, 'cardinality');
export const GroupEquivalenceLesson = withLocalState(groupEquivalenceSchema, GroupEquivalence, 'equivalence');
