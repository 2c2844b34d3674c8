/**
 * Computes a depthwise separable convolution in TensorFlow.js on one small seeded tensor, with the
 * weights the runtime's seeded He init gives the spec's SepConv layer (./counts.ts):
 *
 * 1. depthwise: tf.depthwiseConv2d, one k×k filter per input channel;
 * 2. pointwise: tf.conv2d with a 1×1 kernel, mixing the M depthwise outputs into each of N outputs;
 *
 * and, for comparison, the same pair as ONE full tf.conv2d whose k×k×M×N kernel is the factorised
 * W[i, j, c, o] = D[i, j, c] · P[c, o] (with nothing between the two steps, a depthwise separable
 * convolution is a full convolution restricted to such kernels), and tfjs' own tf.separableConv2d.
 * The BN and ReLU that MnasNet puts after the depthwise step cost no multiply-adds and are left
 * out. Run it inside a job (runTfjsJob): it frees every tensor it makes.
 */
import * as tf from '@tensorflow/tfjs';
import { explicitPad } from '@/lib/runtime/groupconv';
import { heInit } from '@/lib/runtime/weights/he-init';
import { maxAbs, maxAbsDiff, seededInput } from '@/lib/widgets/group-equivalence/weights';
import { separableConvs, separableGraphs, type SepShape } from './counts';

export interface SepTrace {
  readonly shape: SepShape;
  /** The input, NHWC [size, size, M] (batch 1). */
  readonly input: Float32Array;
  /** Depthwise filters, [k, k, M]: D[(i·k + j)·M + c]. */
  readonly depthwise: Float32Array;
  /** Pointwise weights, [M, N]: P[c·N + o]. */
  readonly pointwise: Float32Array;
  /** The depthwise step's output, NHWC [size, size, M]. */
  readonly depthwiseOutput: Float32Array;
  /** The pointwise step's output, NHWC [size, size, N]. */
  readonly output: Float32Array;
  /** max |output − the factorised full convolution| and max |output − tf.separableConv2d|. */
  readonly diffFull: number;
  readonly diffSeparableOp: number;
  readonly magnitude: number;
}

/** Torch layouts → tfjs: depthwise [M, 1, k, k] → [k, k, M]; pointwise [N, M, 1, 1] → [M, N]. */
export function separableWeights(s: SepShape, seed: number): { depthwise: Float32Array; pointwise: Float32Array } {
  const convs = separableConvs(s);
  const sd = heInit(separableGraphs(s).separable, seed);
  const dw = sd.get(`${convs.depthwise.name}.weight`)!.data;
  const pw = sd.get(`${convs.pointwise.name}.weight`)!.data;
  const { cin: M, cout: N, k } = s;
  const depthwise = new Float32Array(k * k * M);
  for (let c = 0; c < M; c++) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) depthwise[(i * k + j) * M + c] = dw[(c * k + i) * k + j];
  const pointwise = new Float32Array(M * N);
  for (let o = 0; o < N; o++) for (let c = 0; c < M; c++) pointwise[c * N + o] = pw[o * M + c];
  return { depthwise, pointwise };
}

/** The full k×k×M×N kernel (HWIO) that the factorised pair equals: W[i, j, c, o] = D[i, j, c] · P[c, o]. */
export function factorisedKernel(depthwise: Float32Array, pointwise: Float32Array, s: Pick<SepShape, 'cin' | 'cout' | 'k'>): Float32Array {
  const { cin: M, cout: N, k } = s;
  const w = new Float32Array(k * k * M * N);
  for (let t = 0; t < k * k; t++) for (let c = 0; c < M; c++) for (let o = 0; o < N; o++) w[(t * M + c) * N + o] = depthwise[t * M + c] * pointwise[c * N + o];
  return w;
}

export async function traceSeparable(s: SepShape, seed: number): Promise<SepTrace> {
  const { cin: M, cout: N, k, size } = s;
  const { depthwise, pointwise } = separableWeights(s, seed);
  const input = seededInput(size * size * M, seed);
  const pad = explicitPad([(k - 1) / 2, (k - 1) / 2]);
  const out = tf.tidy(() => {
    const x = tf.tensor4d(input, [1, size, size, M]);
    const d = tf.tensor4d(depthwise, [k, k, M, 1]);
    const p = tf.tensor4d(pointwise, [1, 1, M, N]);
    const dw = tf.depthwiseConv2d(x, d, 1, pad);
    const y = tf.conv2d(dw, p, 1, 'valid');
    const full = tf.conv2d(x, tf.tensor4d(factorisedKernel(depthwise, pointwise, s), [k, k, M, N]), 1, pad);
    // tf.separableConv2d takes 'same' or 'valid' only; at stride 1 with an odd k, 'same' pads k/2 on every side.
    const fused = tf.separableConv2d(x, d, p, 1, 'same');
    return { dw, y, full, fused };
  });
  try {
    const [depthwiseOutput, output, full, fused] = (await Promise.all([out.dw, out.y, out.full, out.fused].map((t) => t.data()))) as Float32Array[];
    return {
      shape: s,
      input,
      depthwise,
      pointwise,
      depthwiseOutput,
      output,
      diffFull: maxAbsDiff(output, full),
      diffSeparableOp: maxAbsDiff(output, fused),
      magnitude: maxAbs(output),
    };
  } finally {
    tf.dispose([out.dw, out.y, out.full, out.fused]);
  }
}
