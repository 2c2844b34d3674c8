/**
 * The forward geometry a backprop kernel's attrs describe, resolved once with tfjs' own
 * computeConv2DInfo, so every padding form tfjs passes (an explicit [[0,0],[t,b],[l,r],[0,0]]
 * array, a number with dimRoundingMode, 'valid', 'same') ends up as the same top/left pads and
 * output size the forward kernel used. Unsupported attrs throw an error that names them.
 */
import * as tf from '@tensorflow/tfjs';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

export interface ForwardGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  /** Padding before the first row / column, as the forward applied it. */
  readonly padTop: number;
  readonly padLeft: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
}

export interface GeometryAttrs {
  readonly strides: [number, number] | number;
  readonly pad: Pad;
  readonly dilations?: [number, number] | number;
  readonly dataFormat?: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function unsupported(kernel: string, attr: string, value: unknown, supported: string): Error {
  return new Error(`${kernel} (training kernel for wasm): unsupported ${attr} ${JSON.stringify(value)}; supported: ${supported}`);
}

export function forwardGeometry(
  kernel: string,
  inShape: readonly number[],
  filterShape: readonly number[],
  attrs: GeometryAttrs,
  depthwise: boolean,
): ForwardGeometry {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') throw unsupported(kernel, 'dataFormat', attrs.dataFormat, "'NHWC'");
  const d = attrs.dilations ?? 1;
  const dil = typeof d === 'number' ? [d, d] : d;
  if (dil[0] !== 1 || dil[1] !== 1) throw unsupported(kernel, 'dilations', attrs.dilations, '1 (tfjs-core gradients refuse dilations > 1 too)');
  if (inShape.length !== 4 || filterShape.length !== 4)
    throw new Error(`${kernel}: expected rank-4 input and filter shapes, got [${inShape}] and [${filterShape}]`);
  const info = tf.backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    depthwise,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
  };
}

/** Checks that dy has the forward's output shape (a mismatch would silently crop or pad). */
export function checkDy(kernel: string, g: ForwardGeometry, dyShape: readonly number[]): void {
  const want = [g.batch, g.outH, g.outW, g.outC];
  if (dyShape.length !== 4 || dyShape.some((v, i) => v !== want[i])) throw new Error(`${kernel}: dy has shape [${dyShape}], the forward's output is [${want}]`);
}

/**
 * Padding for a correlation whose taps sit `step` apart (`taps` of them) over an axis of `size`
 * values padded by `before`, so that exactly `want` outputs come out: the pad after is whatever
 * is missing (never negative; surplus rows are cropped by the caller).
 */
export function padAfter(size: number, before: number, taps: number, step: number, want: number): number {
  return Math.max(0, want + (taps - 1) * step - size - before);
}
