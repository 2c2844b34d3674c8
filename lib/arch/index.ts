/** Public API of the architecture specs (framework-free: no tfjs here). */
export * from './ir';
export { GraphBuilder, type ConvArgs, type GroupSpec } from './builder';
export { GROUP_ROLES, ROLE_NOUNS } from './roles';
export { convKind, convKindOf, CONV_KINDS, type ConvKind } from './conv-kind';
export { denseLayer, denseBlock, transition, transitionChannels, type DenseLayerConfig, type DenseBlockConfig } from './blocks/dense';
export { bottleneck, BOTTLENECK_EXPANSION, type BottleneckConfig } from './blocks/bottleneck';
export { shuffleUnit, SHUFFLE_UNIT_GROUPS, type ShuffleUnitConfig } from './blocks/shuffle-unit';
export { mbconv, sepconv, convLayer, squeezeExcite, type MBConvConfig, type MnasLayerConfig, type LayerOptions } from './blocks/mbconv';
export { SpecError, type SpecErrorCode } from './errors';
export type { Family, FamilyId, KnobInput, KnobSpec, KnobSpecs, Paper } from './family';
export { densenet, buildDenseNet, resolveDenseNet, DENSENET, DENSENET_DEFAULTS, DENSENET_KNOBS, type DenseNetKnobs, type DenseNetStem } from './densenet';
export { resnext, buildResNeXt, resolveResNeXt, bottleneckWidth, RESNEXT, RESNEXT_DEFAULTS, RESNEXT_KNOBS, type ResNeXtKnobs } from './resnext';
export {
  shufflenetV2,
  buildShuffleNetV2,
  resolveShuffleNetV2,
  identityChannels,
  SHUFFLENET_V2,
  SHUFFLENET_DEFAULTS,
  SHUFFLENET_KNOBS,
  type ShuffleNetV2Knobs,
} from './shufflenet';
export {
  mnasnet,
  mnasnetFromChoices,
  sampleMnasArchitecture,
  buildMnasNet,
  resolveMnasNet,
  roundToMultipleOf,
  mnasWidths,
  MNASNET,
  MNASNET_DEFAULTS,
  MNASNET_KNOBS,
  type MnasNetKnobs,
} from './mnasnet';
export * from './mnasnet-space';
export { stateDictKeys, nodeTensors, type StateDictEntry } from './statedict';
export { nodeCost, graphCost, sumCosts, ZERO_COST, type Cost, type GraphCost, type StageCost } from './cost';
export { stepWork, rooflineBound, rooflinePoint, ridgePoint, type StepWork, type StepTraffic, type Roofs, type RooflinePoint } from './roofline';
export { summarize, formatSummary, describeOp, type GraphSummary, type LayerSummary } from './format';
export { moduleOutput, groupChain, nodesInGroup, groupOutput, groupsWithRole, groupInputs } from './graph-utils';
export { windowOut, inferShape } from './shape';
export { MIN_SIZE, MAX_SIZE } from './validate';
export {
  FAMILIES,
  MODELS,
  MODEL_IDS,
  DATASETS,
  modelIdsFor,
  getModel,
  getFamily,
  buildGraph,
  buildFamily,
  modelKnobs,
  type Dataset,
  type ModelEntry,
  type BuildOptions,
} from './registry';
export { parityDenseNetSmall, parityResNeXtSmall } from './parity';
