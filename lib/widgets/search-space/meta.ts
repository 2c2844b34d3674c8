import { boolP, enumP, intP } from '@/lib/url-state/schema';
import { mnasBlocksParam } from '@/lib/models/mnas-code';
import type { WidgetMeta } from '@/lib/widgets/types';
import { BACKEND_PARAM, seedParam } from '@/lib/url-state/common-params';
import { MOBILENETV2_BLOCKS, SEARCH_MODES, SEARCH_SIZES } from './search';

/** The search-space explorer's whole state (URL parameters of its embed page). */
export const searchSpaceSchema = {
  // Default: MobileNetV2, the search backbone.
  blocks: mnasBlocksParam(MOBILENETV2_BLOCKS),
  seed: seedParam(1, 'seed of the last "Sample" (and of the search)'),
  size: enumP(SEARCH_SIZES, '64', 'input size for latency measurements (square, pixels)'),
  backend: BACKEND_PARAM,
  mode: enumP(SEARCH_MODES, 'evolution', 'search strategy: random samples, or mutate the best of earlier samples'),
  samples: intP(4, 48, 16, 'candidates the search measures'),
  reduced: boolP(false, 'quick measurements: 1 warm-up and 2 timed passes instead of 2 and 5'),
} as const;

export type SearchSpaceSchema = typeof searchSpaceSchema;

export const searchSpaceMeta: WidgetMeta<SearchSpaceSchema> = {
  id: 'search-space',
  title: 'MnasNet search-space explorer',
  description: "The 7 blocks of MnasNet's factorized search space: sample architectures, see their params and MACs, and measure their latency on this device.",
  schema: searchSpaceSchema,
  usesWebcam: false,
  usesTfjs: true,
};
