/**
 * What an explanation request and its answer are, tfjs-free (the UI imports these statically):
 * the three methods, their settings, and the map that comes back at its own resolution.
 */

export const EXPLAIN_METHODS = ['gradcam', 'saliency', 'smoothgrad'] as const;
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

export const METHOD_LABELS: Record<ExplainMethod, string> = {
  gradcam: 'Grad-CAM',
  saliency: 'Gradient saliency',
  smoothgrad: 'SmoothGrad',
};

/** SmoothGrad's sample count: the default (Smilkov et al. 2017 see sharp maps from about 10–20) and its range. */
export const SMOOTHGRAD_SAMPLES = { min: 2, max: 64, default: 16 } as const;
/** SmoothGrad's σ as a fraction of the input range: 10–20 % is the paper's best (§4.1). */
export const SMOOTHGRAD_NOISE = { min: 0.05, max: 0.5, default: 0.15 } as const;

export interface ExplainRequest {
  readonly method: ExplainMethod;
  /** The class c whose score y^c is explained. */
  readonly classIndex: number;
  /** Grad-CAM's layer (a spatial node); ignored by the saliency methods. */
  readonly layer?: string;
  /** SmoothGrad: noisy copies (SMOOTHGRAD_SAMPLES). */
  readonly samples?: number;
  /** SmoothGrad: σ / (max x − min x). */
  readonly noise?: number;
  /** SmoothGrad: seed of the first copy's noise. */
  readonly seed?: number;
  readonly signal?: AbortSignal | null;
  /** SmoothGrad: after each copy. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ExplainResult {
  readonly method: ExplainMethod;
  readonly classIndex: number;
  /** Grad-CAM's layer; null for the saliency methods (their map is at the input's resolution). */
  readonly layer: string | null;
  readonly height: number;
  readonly width: number;
  /** Row-major height × width, ≥ 0, not normalised (heatmap.ts normalises and upsamples). */
  readonly map: Float32Array;
  /** SmoothGrad's copies (1 otherwise). */
  readonly samples: number;
  /** Grad-CAM: the class score y^c (logit). */
  readonly score: number | null;
  /** Wall time of the computation, ms. */
  readonly ms: number;
}

/**
 * The grouped-conv strategy gradients should run with on `backend`, when it differs from the
 * model's: on wasm the executor's default 'packed' form (one depthwise conv of width stride
 * sw·cgIn) has an input gradient that correlates a mostly-zero dilated dy (lib/train/README.md),
 * and `npx tsx scripts/bench-explain.ts --groupconv packed,split` measured one saliency map of
 * ResNeXt-50 32×4d at 224 at 25× its forward with 'packed' and 4.8× with 'split' (one run, wasm,
 * loaded 2-core machine); Grad-CAM, whose backward stops at the last stage, 1.3× and 1.2×.
 * Elsewhere the backend's native gradient kernels are used as they are (null: keep the model's).
 * 'direct' (Layerwise's own kernel, the default on wasm) has no gradient at all: 'split' on wasm,
 * 'packed' on cpu.
 */
export function gradientGroupConv(backend: string, strategy: string): 'split' | 'packed' | null {
  if (strategy === 'direct') return backend === 'wasm' ? 'split' : 'packed';
  return backend === 'wasm' && strategy === 'packed' ? 'split' : null;
}
