/**
 * What the Explain view shows, as plain data (tfjs-free, unit-tested): the class names of a
 * model's outputs, the class a request explains, the heat map at the image's size, and the
 * sentences under it.
 */
import type { Graph } from '../arch/ir';
import type { Dataset } from '../arch/registry';
import { DIGIT_CLASSES } from '../lab/digits-input';
import imagenetClasses from '../runtime/imagenet-classes.json';
import { heatmapPixels, normalise, upsampleBilinear } from './heatmap';
import { type ExplainResult, METHOD_LABELS } from './request';

const IMAGENET: readonly string[] = imagenetClasses as string[];

/** Outputs of the graph (the logits' length). */
export function classCount(graph: Graph): number {
  const out = graph.nodes.find((n) => n.name === graph.output);
  return out ? out.outShape[out.outShape.length - 1] : 0;
}

/** One name per output: the digits, ImageNet's 1,000 classes, else "class i". */
export function classNames(graph: Graph, dataset: Dataset): readonly string[] {
  const n = classCount(graph);
  if (dataset === 'digits' && n === DIGIT_CLASSES.length) return DIGIT_CLASSES;
  if (n === IMAGENET.length) return IMAGENET;
  return Array.from({ length: n }, (_, i) => `class ${i}`);
}

/**
 * The class a request explains: the `class` parameter when it names an output, else the top-1.
 * `notice` says why a given class was not used.
 */
export function chosenClass(param: string, classes: number, top1: number): { index: number; notice: string | null } {
  if (param === '') return { index: top1, notice: null };
  const c = Number(param);
  if (Number.isInteger(c) && c >= 0 && c < classes) return { index: c, notice: null };
  return { index: top1, notice: `"class" cannot be ${param}: this model has classes 0–${classes - 1}. Explaining the top-1 class instead.` };
}

/** Classes whose name contains every word of `query` (or whose index is `query`), at most `limit`. */
export function searchClasses(names: readonly string[], query: string, limit = 8): { index: number; name: string }[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  if (/^\d+$/.test(q)) {
    const i = Number(q);
    return i < names.length ? [{ index: i, name: names[i] }] : [];
  }
  const words = q.split(/\s+/);
  const out: { index: number; name: string }[] = [];
  for (let i = 0; i < names.length && out.length < limit; i++) {
    const n = names[i].toLowerCase();
    if (words.every((w) => n.includes(w))) out.push({ index: i, name: names[i] });
  }
  return out;
}

/**
 * The map scaled to [0, 1] at `size` × `size`: Grad-CAM's coarse map by its maximum, upsampled
 * bilinearly (Selvaraju et al. 2017, §3); the saliency maps at the input's own resolution, clipped
 * at their 99th percentile (Smilkov et al. 2017, §3.2: a few extreme gradients would otherwise
 * leave the rest dark).
 */
export function heatValues(r: Pick<ExplainResult, 'method' | 'height' | 'width' | 'map'>, size: number): Float32Array {
  if (r.method === 'gradcam') {
    const n = normalise(r.map);
    return r.height === size && r.width === size ? n : upsampleBilinear(n, r.height, r.width, size, size);
  }
  const n = normalise(r.map, { clipQuantile: 0.99 });
  return r.height === size && r.width === size ? n : upsampleBilinear(n, r.height, r.width, size, size);
}

/** RGBA of the heat map over a size × size image at `opacity`. */
export function heatImage(values01: Float32Array, size: number, opacity: number): { width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> } {
  return { width: size, height: size, data: heatmapPixels(values01, size, size, opacity) };
}

/** The caption under the map: what was computed, on what, for which class. */
export function explainCaption(r: ExplainResult, className: string, layerShape: readonly number[] | null, size: number): string {
  const cls = `“${className}” (class ${r.classIndex})`;
  switch (r.method) {
    case 'gradcam':
      return (
        `${METHOD_LABELS.gradcam} for ${cls}, logit ${r.score === null ? '–' : r.score.toPrecision(3)}, on ${r.layer}` +
        `${layerShape ? ` (${layerShape[0]} channels of ${layerShape[1]}×${layerShape[2]})` : ''}: ReLU(Σₖ αₖ Aᵏ), αₖ the channel's mean gradient, ` +
        `scaled to its maximum and upsampled bilinearly to ${size}×${size}.`
      );
    case 'saliency':
      return `${METHOD_LABELS.saliency} for ${cls}: the largest |∂y/∂x| over the colour channels of each pixel, scaled to its 99th percentile.`;
    case 'smoothgrad':
      return `${METHOD_LABELS.smoothgrad} for ${cls}: the gradient saliency averaged over ${r.samples} noisy copies of the input, scaled to its 99th percentile.`;
  }
}

/** Said next to every map of random weights (issue 16: "saying plainly"). */
export function randomWeightsNote(seed?: number): string {
  return (
    `These weights are random${seed === undefined ? '' : ` (seed ${seed})`}, so this map shows the architecture, not learning: which pixels can reach the class score ` +
    'through the network’s paths and receptive fields, not what a trained network looks at. Load trained weights to see that.'
  );
}
