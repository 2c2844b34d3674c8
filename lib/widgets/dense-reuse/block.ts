/**
 * The real dense block of the reuse widget, as a spec graph: an ImageNet stem (7×7/2 conv, BN,
 * ReLU, 3×3/2 max pool: 256 px -> 64×64 maps of k0 channels) and one DenseNet-B block of L layers
 * with growth rate k, then the usual head. Plus the node names whose outputs the widget reads and
 * the channel ranges that the concatenations are made of.
 */
import { densenet, type Graph } from '@/lib/arch';
import { inputBands, type Band } from '@/lib/widgets/dense-connectivity/layout';
import { REUSE_BLOCK } from './meta';

const BLK = 'features.denseblock1';

export function reuseGraph(): Graph {
  return densenet(
    { growthRate: REUSE_BLOCK.k, blockConfig: [REUSE_BLOCK.L], initFeatures: REUSE_BLOCK.k0, bottleneck: true, bnSize: 4, stem: 'imagenet', numClasses: 10 },
    REUSE_BLOCK.inputSize,
    'dense-reuse',
  );
}

/** Output of source s: x0 = the stem's output, x_s = layer s's last conv. */
export function sourceNode(s: number): string {
  return s === 0 ? 'features.pool0' : `${BLK}.denselayer${s}.conv2`;
}

/** The tensor that layer ℓ reads (ℓ = L+1: the block's output, what a transition would read). */
export function inputNode(layer: number, L: number = REUSE_BLOCK.L): string {
  if (layer === 1) return sourceNode(0);
  return layer === L + 1 ? `${BLK}.concat` : `${BLK}.denselayer${layer}.concat`;
}

/** Every node the widget captures in its single forward pass. */
export function capturedNodes(L: number = REUSE_BLOCK.L): string[] {
  const out = new Set<string>();
  for (let s = 0; s <= L; s++) out.add(sourceNode(s));
  for (let l = 2; l <= L + 1; l++) out.add(inputNode(l, L));
  return [...out];
}

/** Channel bands of layer ℓ's input: which source owns which channels. */
export function reuseBands(layer: number): Band[] {
  return inputBands(layer, REUSE_BLOCK.k0, REUSE_BLOCK.k);
}

/**
 * max |concat[c0 + i] − source[i]| over all channels i of one band, for NCHW batch item 0: zero
 * when the concatenation really is the source's output, copied.
 */
export function bandDifference(concat: Float32Array, source: Float32Array, band: Band, hw: number): number {
  let m = 0;
  const n = band.size * hw;
  if (source.length < n) return NaN;
  const off = band.start * hw;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(concat[off + i] - source[i]);
    if (!(d <= m)) m = d;
  }
  return m;
}
