/**
 * One forward pass of the reuse widget's dense block on a sample photo, reading back the stem's
 * output, every layer's output and every concatenation. Browser only (decodes the photo with an
 * Image element); load with import().
 */
import type { BackendInfo } from '@/lib/runtime/backend';
import type { BackendChoice } from '@/lib/runtime/backend-names';
import { Model } from '@/lib/runtime/executor';
import { readFeatureMaps, type FeatureMap } from '@/lib/runtime/featuremaps';
import { preprocess } from '@/lib/runtime/imagenet';
import { runTfjsJob, type JobRequest } from '@/lib/runtime/job';
import { numTensors } from '@/lib/runtime/tensors';
import { heInit } from '@/lib/runtime/weights/he-init';
import { capturedNodes, reuseGraph } from './block';
import { REUSE_BLOCK, SAMPLE_FILES, type ReuseSample } from './meta';

export interface ReuseResult {
  readonly sample: ReuseSample;
  readonly seed: number;
  readonly backend: BackendInfo;
  /** Captured node outputs, NCHW. */
  readonly maps: ReadonlyMap<string, FeatureMap>;
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

export function runReuse(sample: ReuseSample, seed: number, choice: BackendChoice, job: Omit<JobRequest, 'backend'> = {}): Promise<ReuseResult> {
  // Decoded before the job: no need to hold the tfjs queue while the photo loads.
  const photo = loadImage(SAMPLE_FILES[sample]);
  photo.catch(() => undefined); // awaited (and its error thrown) inside the job
  return runTfjsJob({ ...job, backend: choice }, async ({ backend, tensorsBefore }) => {
    const img = await photo;
    const graph = reuseGraph();
    const model = Model.create(graph, heInit(graph, seed));
    let maps: Map<string, FeatureMap>;
    let ms: number;
    try {
      const input = preprocess(img, { resize: REUSE_BLOCK.inputSize, crop: REUSE_BLOCK.inputSize });
      try {
        const t0 = performance.now();
        maps = (await readFeatureMaps(model, input, capturedNodes())).maps;
        ms = performance.now() - t0;
      } finally {
        input.dispose();
      }
    } finally {
      model.dispose();
    }
    return { sample, seed, backend, maps, ms, tensorsBefore, tensorsAfter: numTensors() };
  });
}
