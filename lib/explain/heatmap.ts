/**
 * The one heat-map colour scale of the explanations (Grad-CAM, saliency, SmoothGrad, effective
 * receptive fields) and the plain arithmetic around it: normalising a map to [0, 1], bilinear
 * upsampling to the image, and painting it as RGBA for an overlay. No tfjs: unit-tested in Node.
 *
 * Scale: d3's "inferno" (van der Walt & Smith's matplotlib colormap, perceptually uniform: its
 * lightness rises monotonically and evenly, so equal steps in value look like equal steps, and it
 * stays readable in greyscale and for the common colour-vision deficiencies), restricted to
 * [INFERNO_LO, INFERNO_HI]. A sub-range of a uniform scale is still uniform; the cut drops the
 * near-black start, which disappears against a dark page and dark photo regions, and the
 * near-white end, which disappears against a light page. The feature maps use viridis
 * (lib/lab/featuremap-display.ts): a different scale, so a heat map over the image is never
 * mistaken for an activation.
 *
 * Over an image, opacity also rises with the value (heatRgba): a region the map gives nothing is
 * left as the photo, so what the map points at stands out instead of the whole image being tinted.
 */
import { interpolateInferno } from 'd3';
import { parseRgb } from '../lab/featuremap-display';

/** The part of inferno the scale uses (see above). */
export const INFERNO_LO = 0.12;
export const INFERNO_HI = 0.96;

/** The scale's name, for legends and captions. */
export const HEAT_SCALE_NAME = 'inferno';

/** Values at or above this are painted at the full requested opacity (see heatRgba). */
export const FULL_OPACITY_AT = 0.5;

const LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = parseRgb(interpolateInferno(INFERNO_LO + ((INFERNO_HI - INFERNO_LO) * i) / 255));
    lut.set([r, g, b], 3 * i);
  }
  return lut;
})();

function index(t: number): number {
  if (!Number.isFinite(t)) return 0;
  return Math.max(0, Math.min(255, Math.round(t * 255)));
}

/** The colour of a value in [0, 1] (clamped; NaN → the low end), as [r, g, b] bytes. */
export function heatColour(t: number): [number, number, number] {
  const j = 3 * index(t);
  return [LUT[j], LUT[j + 1], LUT[j + 2]];
}

/** The colour as CSS (legends, swatches). */
export function heatCss(t: number): string {
  const [r, g, b] = heatColour(t);
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * The colour of a value in [0, 1] for an overlay, [r, g, b, a] bytes: a = opacity · min(1, t /
 * FULL_OPACITY_AT), so 0 leaves the image untouched and the upper half is drawn at `opacity`.
 */
export function heatRgba(t: number, opacity = 1): [number, number, number, number] {
  const v = Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
  const o = Math.max(0, Math.min(1, opacity));
  const [r, g, b] = heatColour(v);
  return [r, g, b, Math.round(255 * o * Math.min(1, v / FULL_OPACITY_AT))];
}

/** Stops for components/ui/GradientLegend. */
export function heatStops(steps = 8): { offset: number; color: string }[] {
  return Array.from({ length: steps + 1 }, (_, i) => ({ offset: i / steps, color: heatCss(i / steps) }));
}

export interface NormaliseOptions {
  /**
   * Values above this quantile of the map are clipped to 1 before scaling (Smilkov et al. 2017
   * cap saliency at the 99th percentile so a few extreme pixels do not wash out the rest). 1 (the
   * default) scales by the maximum.
   */
  readonly clipQuantile?: number;
}

/**
 * A non-negative map scaled to [0, 1] by its maximum (or clip quantile); negative values (none
 * after Grad-CAM's ReLU or a saliency |·|) clamp to 0, NaN to 0. An all-zero map stays zero (a
 * map that is zero everywhere is shown as nothing, not divided by zero). Returns a new array.
 */
export function normalise(values: ArrayLike<number>, options: NormaliseOptions = {}): Float32Array {
  const n = values.length;
  const out = new Float32Array(n);
  let top = 0;
  const q = options.clipQuantile ?? 1;
  if (q < 1) {
    const sorted = Float32Array.from(values, (v) => (Number.isFinite(v) && v > 0 ? v : 0)).sort();
    top = sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? 0;
  } else for (let i = 0; i < n; i++) if (values[i] > top) top = values[i];
  if (!(top > 0) || !Number.isFinite(top)) return out;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) && v > 0 ? Math.min(1, v / top) : 0;
  }
  return out;
}

/**
 * Bilinear resize of a row-major h×w map to outH×outW with half-pixel centres
 * (PyTorch's F.interpolate(mode='bilinear', align_corners=False), OpenCV's cv2.resize, and
 * tf.image.resizeBilinear with halfPixelCenters): output pixel (y, x) samples the input at
 * ((y + 0.5)·h/outH − 0.5, (x + 0.5)·w/outW − 0.5), clamped to the edge. This is how Grad-CAM's
 * coarse map is brought to the image (Selvaraju et al. 2017, §3: "upsampled to the input image
 * resolution using bilinear interpolation").
 */
export function upsampleBilinear(map: ArrayLike<number>, h: number, w: number, outH: number, outW: number): Float32Array {
  if (map.length !== h * w) throw new Error(`map has ${map.length} values, ${h}×${w} needs ${h * w}`);
  const out = new Float32Array(outH * outW);
  const sy = h / outH;
  const sx = w / outW;
  for (let y = 0; y < outH; y++) {
    const fy = Math.min(h - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(h - 1, y0 + 1);
    const dy = fy - y0;
    for (let x = 0; x < outW; x++) {
      const fx = Math.min(w - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(w - 1, x0 + 1);
      const dx = fx - x0;
      const top = map[y0 * w + x0] * (1 - dx) + map[y0 * w + x1] * dx;
      const bottom = map[y1 * w + x0] * (1 - dx) + map[y1 * w + x1] * dx;
      out[y * outW + x] = top * (1 - dy) + bottom * dy;
    }
  }
  return out;
}

/** RGBA pixels of a [0, 1] map (row-major, width × height) through heatRgba, for a canvas overlay. */
export function heatmapPixels(values01: ArrayLike<number>, width: number, height: number, opacity = 1): Uint8ClampedArray<ArrayBuffer> {
  if (values01.length !== width * height) throw new Error(`map has ${values01.length} values, ${width}×${height} needs ${width * height}`);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < values01.length; i++) out.set(heatRgba(values01[i], opacity), 4 * i);
  return out;
}
