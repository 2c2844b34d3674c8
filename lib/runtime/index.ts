/**
 * Public API of the tfjs runtime (browser-safe: no Node-only imports). Load it with import() so
 * lesson pages paint before tfjs arrives:
 *
 *   const rt = await import('@/lib/runtime');
 *   const top5 = await rt.runTfjsJob({ backend: 'auto', signal }, async (ctx) => {  // one job at a time per page
 *     const graph = buildGraph('resnext50_32x4d');       // lib/arch
 *     const model = rt.createSeededModel(graph, 0);      // or Model.create(graph, stateDict)
 *     const x = rt.preprocess(imageElement);             // [1,224,224,3]
 *     try {
 *       const { data } = await rt.timedForward(model, x);
 *       return rt.topK(data);
 *     } finally {
 *       x.dispose(); model.dispose();                    // the job's tensor check: back to ctx.tensorsBefore
 *     }
 *   });
 *
 * Components reach jobs through components/hooks/useTfjsJob.ts.
 */
import type { Graph } from '../arch/ir';
import { Model, type ModelOptions } from './executor';
import { heInit } from './weights/he-init';

export { Model, inputFromNCHW, consumerCounts, type ModelOptions, type ExecuteOptions, type ExecuteResult, type LoadResult } from './executor';
export {
  GROUP_CONV_STRATEGIES,
  DEFAULT_GROUP_CONV,
  defaultGroupConvStrategy,
  prepareGroupConv,
  type GroupConvStrategy,
  type GroupConvGeometry,
} from './groupconv';
export { readFeatureMaps, type FeatureMap, type FeatureMapResult } from './featuremaps';
export { profileModel, type ModelProfile, type LayerProfile, type TimerKind, type ProfileOptions } from './profiler';
export { BACKEND_LABELS, backendLabel, isBackendName, type BackendChoice } from './backend-names';
export {
  initBackend,
  onBackendLost,
  BACKEND_ORDER,
  type BackendName,
  type BackendInfo,
  type BackendFallback,
  type BackendLostEvent,
  type InitBackendOptions,
} from './backend';
export { backendOrder, fallbackOrder, fallbackNotice, switchNotice } from './backend-policy';
export { ensureBackend, failOver, type EnsureOptions } from './active-backend';
export { runTfjsJob, type JobRequest, type JobContext } from './job';
export { enqueue, pendingJobs, whenIdle } from './job-queue';
export { CancelledError, isCancelled, throwIfCancelled, yieldToPage } from './cancel';
export { median, warmThenTime, timedForward, timeForward, randomInput, type PassPlan, type PassOptions, type TimedOutput } from './timing';
export { numTensors, startTensorCheck, leaked, type TensorCheck } from './tensors';
export {
  preprocess,
  topK,
  softmax,
  resizedSize,
  centerCropOffsets,
  IMAGENET_CLASSES,
  IMAGENET_MEAN,
  IMAGENET_STD,
  type RgbaImage,
  type BrowserImage,
  type Prediction,
  type PreprocessOptions,
} from './imagenet';
export { nchwToNhwc, nhwcToNchw } from './layout';
export { hashInit, hashInput, hashFillTensor, fmix32, hashU } from './weights/hash-init';
export { heInit } from './weights/he-init';
export {
  parseSafetensors,
  writeSafetensors,
  SafetensorsError,
  MAX_HEADER_BYTES,
  type SafetensorsFile,
  type SafetensorsTensor,
  type SafetensorsErrorCode,
  type SafetensorsRule,
} from './weights/safetensors';
export { validateStateDict, stateDictFromSafetensors, WeightLoadError, type WeightIssue, type WeightIssueKind } from './weights/load-state-dict';
export { readWeightsFile, type ReadWeightsOptions, type ReadWeightsResult } from './weights/read-weights';
export { scanValues, findingLine, type ValueFinding } from './weights/value-scan';
export { expectedTensors, type ExpectedTensor } from './weights/expected';
export type { StateDict, TensorData, KeySpec } from './weights/types';

/** A model with the default seeded (torchvision-style He) weights: same seed, same model. */
export function createSeededModel(graph: Graph, seed = 0, options: ModelOptions = {}): Model {
  return Model.create(graph, heInit(graph, seed), options);
}
