/**
 * The definitions of the widgets the lessons show (see lib/widgets/registry.ts for what a
 * definition is and who reads it), in the order of the lessons. Framework-free.
 */
import { cardinalityGroupsMeta } from '@/lib/widgets/cardinality-groups/meta';
import { channelProfileMeta } from '@/lib/widgets/channel-profile/meta';
import { channelShuffleMeta } from '@/lib/widgets/channel-shuffle/meta';
import { lineupMeta } from '@/lib/widgets/lineup/meta';
import { costCompareMeta } from '@/lib/widgets/cost-compare/meta';
import { LOADS_TFJS as TFJS, defineWidget, type HomeLink } from '@/lib/widgets/definition';
import { denseConcatMeta } from '@/lib/widgets/dense-concat/meta';
import { denseConnectivityMeta } from '@/lib/widgets/dense-connectivity/meta';
import { denseReuseMeta } from '@/lib/widgets/dense-reuse/meta';
import { depthwiseSeparableMeta } from '@/lib/widgets/depthwise-separable/meta';
import { groupedConvMeta } from '@/lib/widgets/grouped-conv/meta';
import { groupEquivalenceMeta } from '@/lib/widgets/group-equivalence/meta';
import { guidelineLabMeta } from '@/lib/widgets/guideline-lab/meta';
import { invertedResidualMeta } from '@/lib/widgets/inverted-residual/meta';
import { rewardExplorerMeta } from '@/lib/widgets/reward-explorer/meta';
import { rfDepthMeta } from '@/lib/widgets/rf-depth/meta';
import { searchSpaceMeta } from '@/lib/widgets/search-space/meta';
import { timeBreakdownMeta } from '@/lib/widgets/time-breakdown/meta';

/** A widget's place in a lesson: the lesson's page at the heading above the widget. */
const lesson = (slug: string, anchor: string, name: string) => (): HomeLink => ({ href: `/lessons/${slug}#${anchor}`, label: `the ${name} lesson` });

/** Keyed by widget id (the embed page's URL segment). */
export const LESSON_DEFINITIONS = {
  'rf-depth': defineWidget({
    meta: rfDepthMeta,
    kind: 'lesson',
    mdx: 'RfDepth',
    noticeName: 'receptive field',
    home: lesson('intro', 'what-a-layer-sees-receptive-fields', 'introduction'),
    height: 760,
  }),
  'dense-connectivity': defineWidget({
    meta: denseConnectivityMeta,
    kind: 'lesson',
    mdx: 'DenseConnectivity',
    noticeName: 'dense connectivity',
    home: lesson('densenet', 'dense-connectivity', 'DenseNet'),
    height: 900,
  }),
  'dense-reuse': defineWidget({
    meta: denseReuseMeta,
    kind: 'lesson',
    mdx: 'DenseReuse',
    noticeName: 'real reuse',
    home: lesson('densenet', 'real-reuse-in-real-tensors', 'DenseNet'),
    height: 1180,
    runs: `${TFJS}runs densenet_digits (its shipped trained weights, or random ones) on a test digit, or a small seeded block on a photo; the heat maps read the weights only.`,
  }),
  'channel-profile': defineWidget({
    meta: channelProfileMeta,
    kind: 'lesson',
    mdx: 'ChannelProfile',
    noticeName: 'channel profile',
    home: lesson('densenet', 'the-imagenet-configurations', 'DenseNet'),
    height: 560,
  }),
  'cost-compare': defineWidget({
    meta: costCompareMeta,
    kind: 'lesson',
    mdx: 'CostCompare',
    noticeName: 'cost comparison',
    home: lesson('densenet', 'the-memory-cost-of-concatenation', 'DenseNet'),
    height: 820,
    runs: `${TFJS}times two whole networks on this device.`,
  }),
  'cardinality-groups': defineWidget({
    meta: cardinalityGroupsMeta,
    kind: 'lesson',
    mdx: 'CardinalityGroups',
    noticeName: 'cardinality',
    home: lesson('resnext', 'three-equivalent-forms', 'ResNeXt'),
    height: 900,
  }),
  'group-equivalence': defineWidget({
    meta: groupEquivalenceMeta,
    kind: 'lesson',
    mdx: 'GroupEquivalence',
    noticeName: 'equivalence',
    home: lesson('resnext', 'equivalence-proven-live', 'ResNeXt'),
    height: 640,
    runs: `${TFJS}runs one ResNeXt block in three equivalent forms.`,
  }),
  'time-breakdown': defineWidget({
    meta: timeBreakdownMeta,
    kind: 'lesson',
    mdx: 'TimeBreakdown',
    frame: { title: 'Where the time goes', label: 'shufflenet_v2_x1_0 on your device', testId: 'time-breakdown' },
    home: lesson('shufflenet-v2', 'flops-are-an-indirect-metric', 'ShuffleNet v2'),
    height: 720,
    runs: `${TFJS}profiles shufflenet_v2_x1_0 layer by layer on this device.`,
  }),
  'guideline-lab': defineWidget({
    meta: guidelineLabMeta,
    kind: 'lesson',
    mdx: 'GuidelineLab',
    frame: { title: 'Guideline lab', label: "the paper's micro-benchmarks, on your device", testId: 'guideline-lab' },
    home: lesson('shufflenet-v2', 'run-them-here', 'ShuffleNet v2'),
    height: 820,
    runs: `${TFJS}runs the paper's G1–G4 micro-benchmarks on this device.`,
  }),
  'channel-shuffle': defineWidget({
    meta: channelShuffleMeta,
    kind: 'lesson',
    mdx: 'ChannelShuffle',
    frame: { title: 'Channel split and shuffle', label: '3 units, computed with TensorFlow.js', testId: 'channel-shuffle' },
    home: lesson('shufflenet-v2', 'channel-split-and-shuffle', 'ShuffleNet v2'),
    height: 900,
    runs: `${TFJS}computes the channel permutation of three units on a tiny tensor.`,
  }),
  'reward-explorer': defineWidget({
    meta: rewardExplorerMeta,
    kind: 'lesson',
    mdx: 'RewardExplorer',
    frame: { title: 'Reward explorer', label: 'ACC(m)·[LAT(m)/T]^w', testId: 'reward-explorer' },
    home: lesson('mnasnet', 'the-reward', 'MnasNet'),
    height: 720,
  }),
  'search-space': defineWidget({
    meta: searchSpaceMeta,
    kind: 'lesson',
    mdx: 'SearchSpaceExplorer',
    frame: { title: 'Search-space explorer', label: '7 blocks, measured on your device', testId: 'search-space' },
    home: lesson('mnasnet', 'a-factorized-hierarchical-search-space', 'MnasNet'),
    height: 980,
    runs: `${TFJS}builds sampled architectures and measures their latency on this device.`,
  }),
  lineup: defineWidget({
    meta: lineupMeta,
    kind: 'lesson',
    mdx: 'LineupMeasure',
    noticeName: 'line-up measurement',
    home: lesson('choosing', 'measured-on-your-device', 'closing'),
    height: 1240,
    runs: `${TFJS}times the five ImageNet networks (and the five digits models) on this device, one after another.`,
  }),
  'grouped-conv': defineWidget({
    meta: groupedConvMeta,
    kind: 'lesson',
    mdx: 'GroupedConv',
    frame: { title: 'Grouped convolution, step by step', label: 'computed with TensorFlow.js', testId: 'grouped-conv' },
    noticeName: 'grouped convolution',
    home: lesson('resnext', 'three-equivalent-forms', 'ResNeXt'),
    height: 980,
    runs: `${TFJS}computes one small grouped convolution three ways on a seeded tensor.`,
  }),
  'depthwise-separable': defineWidget({
    meta: depthwiseSeparableMeta,
    kind: 'lesson',
    mdx: 'DepthwiseSeparable',
    frame: { title: 'Depthwise then pointwise, step by step', label: 'computed with TensorFlow.js', testId: 'depthwise-separable' },
    noticeName: 'depthwise separable',
    home: lesson('mnasnet', 'a-factorized-hierarchical-search-space', 'MnasNet'),
    height: 1000,
    runs: `${TFJS}computes a small depthwise separable convolution and the full convolution it equals on a seeded tensor.`,
  }),
  'dense-concat': defineWidget({
    meta: denseConcatMeta,
    kind: 'lesson',
    mdx: 'DenseConcat',
    frame: { title: 'Dense concatenation', label: 'naive copies against a shared buffer, computed with TensorFlow.js', testId: 'dense-concat' },
    home: lesson('densenet', 'the-memory-cost-of-concatenation', 'DenseNet'),
    height: 980,
    runs: `${TFJS}computes a small dense block layer by layer on a tiny tensor.`,
  }),
  'inverted-residual': defineWidget({
    meta: invertedResidualMeta,
    kind: 'lesson',
    mdx: 'InvertedResidual',
    frame: { title: 'Inverted residual (MBConv)', label: 'expand, depthwise, project, computed with TensorFlow.js', testId: 'inverted-residual' },
    home: lesson('mnasnet', 'inside-an-mbconv', 'MnasNet'),
    height: 1100,
    runs: `${TFJS}computes one MBConv block stage by stage on a tiny tensor.`,
  }),
};
