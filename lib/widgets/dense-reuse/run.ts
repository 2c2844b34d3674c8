/**
 * One forward pass of the reuse widget's network, reading back every dense block's input, every
 * layer's output and every concatenation: the ImageNet-shaped block on a sample photo (random
 * weights; decodes the photo with an Image element, so browser only), or densenet_digits on a
 * 28×28 digit with the weights given (trained or random). Load with import().
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { Model } from '@/lib/runtime/executor';
import { readFeatureMaps, type FeatureMap } from '@/lib/runtime/featuremaps';
import { preprocess, softmax } from '@/lib/runtime/imagenet';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { numTensors } from '@/lib/runtime/tensors';
import { heInit } from '@/lib/runtime/weights/he-init';
import type { StateDict } from '@/lib/runtime/weights/types';
import { capturedNodes, reuseView } from './block';
import { REUSE_BLOCK, SAMPLE_FILES, type ReuseSample } from './meta';

export interface ReuseResult {
  readonly backend: BackendInfo;
  /** Captured node outputs, NCHW. */
  readonly maps: ReadonlyMap<string, FeatureMap>;
  /** Class probabilities (softmax of the logits). */
  readonly probabilities: readonly number[];
  readonly ms: number;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

async function loadImage(src: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = src;
  await img.decode();
  return img;
}

/** Builds the model, runs it on the input `makeInput` gives, frees both: the body of both jobs. */
async function forward(
  net: 'digits' | 'imagenet',
  sd: StateDict,
  makeInput: () => tf.Tensor4D,
  info: { backend: BackendInfo; tensorsBefore: number },
): Promise<ReuseResult> {
  const view = reuseView(net);
  const model = Model.create(view.graph, sd);
  try {
    const input = makeInput();
    try {
      const t0 = performance.now();
      const { maps, logits } = await readFeatureMaps(model, input, capturedNodes(view));
      const ms = performance.now() - t0;
      return { backend: info.backend, maps, probabilities: Array.from(softmax(logits)), ms, tensorsBefore: info.tensorsBefore, tensorsAfter: NaN };
    } finally {
      input.dispose();
    }
  } finally {
    model.dispose();
  }
}

const settled = (r: ReuseResult): ReuseResult => ({ ...r, tensorsAfter: numTensors() });

/** The ImageNet-shaped block with random weights (He init, `seed`) on a sample photo. */
export function runReuse(sample: ReuseSample, seed: number, choice: BackendChoice, job: Omit<JobRequest, 'backend'> = {}): Promise<ReuseResult> {
  // Decoded before the job: no need to hold the tfjs queue while the photo loads.
  const photo = loadImage(SAMPLE_FILES[sample]);
  photo.catch(() => undefined); // awaited (and its error thrown) inside the job
  return runTfjsJob({ ...job, backend: choice }, async (ctx) => {
    const img = await photo;
    const sd = heInit(reuseView('imagenet').graph, seed);
    return settled(await forward('imagenet', sd, () => preprocess(img, { resize: REUSE_BLOCK.inputSize, crop: REUSE_BLOCK.inputSize }), ctx));
  });
}

/** densenet_digits with `weights` on one digit: 28·28 values in [0, 1], white on black, row-major. */
export function runDigitsReuse(digit: Float32Array, weights: StateDict, choice: BackendChoice, job: Omit<JobRequest, 'backend'> = {}): Promise<ReuseResult> {
  const [c, h, w] = reuseView('digits').graph.input;
  if (digit.length !== c * h * w) throw new RangeError(`a digit has ${c * h * w} values (${h}×${w}), not ${digit.length}`);
  return runTfjsJob({ ...job, backend: choice }, async (ctx) => settled(await forward('digits', weights, () => tf.tensor4d(digit, [1, h, w, c]), ctx)));
}
