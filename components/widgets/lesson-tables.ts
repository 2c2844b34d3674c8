/**
 * The lessons' static tables, by the name lessons use in MDX. Server components computed from
 * lib/arch at build time: they ship no JavaScript.
 */
import { DenseNetConfigTable } from './densenet/DenseNetConfigTable';
import { MnasNetA1Table } from './mnasnet/MnasNetA1Table';
import { CardinalityAblationTable, ResNeXtComparisonTable } from './resnext/ResNeXtTables';
import { ShuffleNetV2Table } from './shufflenet/ShuffleNetV2Table';

export const LESSON_TABLES = {
  DenseNetConfigTable,
  ResNeXtComparisonTable,
  CardinalityAblationTable,
  ShuffleNetV2Table,
  MnasNetA1Table,
} as const;
