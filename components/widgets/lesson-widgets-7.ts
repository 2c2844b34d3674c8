import type { MDXComponents } from 'mdx/types';
import { MnasNetA1Table } from './mnasnet/MnasNetA1Table';
import { RewardExplorer } from './mnasnet/RewardExplorer';
import { SearchSpaceExplorer } from './mnasnet/SearchSpaceExplorer';
import { ChannelShuffle } from './shufflenet/ChannelShuffle';
import { GuidelineLab } from './shufflenet/GuidelineLab';
import { ShuffleNetV2Table } from './shufflenet/ShuffleNetV2Table';
import { TimeBreakdown } from './shufflenet/TimeBreakdown';

/** Widgets of the ShuffleNet v2 and MnasNet lessons, by the name lessons use in MDX. */
export const lessonWidgets7: MDXComponents = {
  ChannelShuffle,
  GuidelineLab,
  TimeBreakdown,
  ShuffleNetV2Table,
  RewardExplorer,
  SearchSpaceExplorer,
  MnasNetA1Table,
};
