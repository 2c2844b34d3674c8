/**
 * ShuffleNet v2 paper (Ma et al., ECCV 2018, arXiv:1807.11164), Table 8: ImageNet models at four
 * complexity levels with their FLOPs (multiply-adds, as the paper counts them), top-1 error, GPU
 * speed (batches/s, GTX 1080Ti, batch 8) and ARM speed (images/s, Snapdragon 810, one thread).
 * `siteId` links a row to the model on this site where torchvision has the same network.
 */
export interface Table8Row {
  readonly model: string;
  readonly level: 40 | 140 | 300 | 500;
  readonly mflops: number;
  readonly top1Error: number;
  readonly gpuBatchesPerS: number;
  readonly armImagesPerS: number;
  readonly siteId?: string;
}

export const SHUFFLENET_V2_TABLE8: readonly Table8Row[] = [
  { model: 'ShuffleNet v2 0.5×', level: 40, mflops: 41, top1Error: 39.7, gpuBatchesPerS: 417, armImagesPerS: 57.0, siteId: 'shufflenet_v2_x0_5' },
  { model: '0.25 MobileNet v1', level: 40, mflops: 41, top1Error: 49.4, gpuBatchesPerS: 502, armImagesPerS: 36.4 },
  { model: '0.4 MobileNet v2', level: 40, mflops: 43, top1Error: 43.4, gpuBatchesPerS: 333, armImagesPerS: 33.2 },
  { model: 'ShuffleNet v1 0.5× (g=3)', level: 40, mflops: 38, top1Error: 43.2, gpuBatchesPerS: 347, armImagesPerS: 56.8 },
  { model: 'Xception 0.5×', level: 40, mflops: 40, top1Error: 44.9, gpuBatchesPerS: 384, armImagesPerS: 52.9 },
  { model: 'ShuffleNet v2 1×', level: 140, mflops: 146, top1Error: 30.6, gpuBatchesPerS: 341, armImagesPerS: 24.4, siteId: 'shufflenet_v2_x1_0' },
  { model: '0.5 MobileNet v1', level: 140, mflops: 149, top1Error: 36.3, gpuBatchesPerS: 382, armImagesPerS: 16.5 },
  { model: '0.75 MobileNet v2', level: 140, mflops: 145, top1Error: 32.1, gpuBatchesPerS: 235, armImagesPerS: 15.9 },
  { model: 'ShuffleNet v1 1× (g=3)', level: 140, mflops: 140, top1Error: 32.6, gpuBatchesPerS: 213, armImagesPerS: 21.8 },
  { model: 'Xception 1×', level: 140, mflops: 145, top1Error: 34.1, gpuBatchesPerS: 278, armImagesPerS: 19.5 },
  { model: 'ShuffleNet v2 1.5×', level: 300, mflops: 299, top1Error: 27.4, gpuBatchesPerS: 255, armImagesPerS: 11.8, siteId: 'shufflenet_v2_x1_5' },
  { model: '0.75 MobileNet v1', level: 300, mflops: 325, top1Error: 31.6, gpuBatchesPerS: 314, armImagesPerS: 10.6 },
  { model: '1.0 MobileNet v2', level: 300, mflops: 300, top1Error: 28.0, gpuBatchesPerS: 180, armImagesPerS: 8.9 },
  { model: 'ShuffleNet v1 1.5× (g=3)', level: 300, mflops: 292, top1Error: 28.5, gpuBatchesPerS: 164, armImagesPerS: 10.3 },
  { model: 'Xception 1.5×', level: 300, mflops: 305, top1Error: 29.4, gpuBatchesPerS: 219, armImagesPerS: 10.5 },
  { model: 'ShuffleNet v2 2×', level: 500, mflops: 591, top1Error: 25.1, gpuBatchesPerS: 217, armImagesPerS: 6.7, siteId: 'shufflenet_v2_x2_0' },
  { model: '1.0 MobileNet v1', level: 500, mflops: 569, top1Error: 29.4, gpuBatchesPerS: 247, armImagesPerS: 6.5 },
  { model: '1.4 MobileNet v2', level: 500, mflops: 585, top1Error: 25.3, gpuBatchesPerS: 137, armImagesPerS: 5.4 },
  { model: 'ShuffleNet v1 2× (g=3)', level: 500, mflops: 524, top1Error: 26.3, gpuBatchesPerS: 133, armImagesPerS: 6.4 },
  { model: 'Xception 2×', level: 500, mflops: 525, top1Error: 27.6, gpuBatchesPerS: 174, armImagesPerS: 6.7 },
  { model: 'ShuffleNet v2 2× with SE', level: 500, mflops: 597, top1Error: 24.6, gpuBatchesPerS: 161, armImagesPerS: 5.6 },
  { model: 'NASNet-A', level: 500, mflops: 564, top1Error: 26.0, gpuBatchesPerS: 130, armImagesPerS: 4.6 },
  { model: 'PNASNet-5', level: 500, mflops: 588, top1Error: 25.8, gpuBatchesPerS: 115, armImagesPerS: 4.1 },
];
