/**
 * The input gradient of one output unit, in tfjs: the effective receptive field of Luo et al.
 * 2016 (effective-rf.ts) for this model, these weights and this image.
 *
 * y = the node's output at (channel, row, column) of batch item 0 (or feature f of a vector), as
 * the model computes it in eval mode, through lib/explain/forward.ts's differentiable forward
 * (unfused, so every op has a gradient on every backend); the map is |∂y/∂x| summed over the
 * input's channels, at the model's input size. Every tensor made here is freed before the promise
 * settles, also on error and on cancel.
 */
import * as tf from '@tensorflow/tfjs';
import type { Pair } from '../arch/ir';
import type { Model } from '../runtime/executor';
import type { GradientMap } from './effective-rf';
import { differentiableForward, prepareGradients } from './forward';

export interface CellGradientRequest {
  /** Node name. */
  readonly layer: string;
  /** Channel of a map, or feature of a vector. */
  readonly channel: number;
  /** [row, column] of the map; [0, 0] for a vector. */
  readonly cell: Pair;
}

export interface CellGradient extends GradientMap {
  /** The unit's value y (its activation) on this input. */
  readonly value: number;
}

export interface CellGradientOptions {
  /** Throws to stop (the job's check(): CancelledError); called between the phases. */
  readonly check?: () => void;
  /** Phases done of 2: gradient computed (queued on a GPU backend), read back. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Checks a request against the node's output shape ([C, H, W] or [F]); throws a sentence. */
export function checkRequest(model: Model, req: CellGradientRequest): void {
  const node = model.graph.nodes.find((n) => n.name === req.layer);
  if (!node) throw new Error(`no layer named "${req.layer}" in ${model.graph.id}`);
  const s = node.outShape;
  const [y, x] = req.cell;
  const ok = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;
  if (s.length === 3) {
    if (!ok(req.channel, s[0])) throw new Error(`${req.layer} has ${s[0]} channels; there is no channel ${req.channel}`);
    if (!ok(y, s[1]) || !ok(x, s[2])) throw new Error(`${req.layer}'s maps are ${s[1]}×${s[2]}; there is no cell (${y}, ${x})`);
  } else {
    const f = s.reduce((a, b) => a * b, 1);
    if (!ok(req.channel, f)) throw new Error(`${req.layer} has ${f} features; there is no feature ${req.channel}`);
    if (y !== 0 || x !== 0) throw new Error(`${req.layer} is a vector: its only cell is (0, 0)`);
  }
}

/** The unit's value as a scalar, from the node's NHWC (or [N, F]) output. */
function pick(t: tf.Tensor, req: CellGradientRequest): tf.Scalar {
  const [y, x] = req.cell;
  if (t.rank === 4) return tf.sum(tf.slice(t, [0, y, x, req.channel], [1, 1, 1, 1]));
  const flat = t.rank === 2 ? t : tf.reshape(t, [t.shape[0], -1]);
  return tf.sum(tf.slice(flat, [0, req.channel], [1, 1]));
}

/** |∂y/∂x| summed over the input channels for one unit (see the header). */
export async function cellInputGradient(model: Model, input: tf.Tensor4D, req: CellGradientRequest, opts: CellGradientOptions = {}): Promise<CellGradient> {
  checkRequest(model, req);
  const check = opts.check ?? (() => undefined);
  prepareGradients();
  const [, height, width] = input.shape;
  const [value, magnitude] = tf.tidy(() => {
    const f = (x: tf.Tensor) => pick(differentiableForward(model, x as tf.Tensor4D, { capture: [req.layer] }).captured.get(req.layer) as tf.Tensor, req);
    const r = tf.valueAndGrad(f)(input);
    // Batch item 0 only (the unit belongs to it: the other items' gradients are zero).
    const g = tf.sum(tf.abs(tf.slice(r.grad, [0, 0, 0, 0], [1, height, width, input.shape[3]])), [0, 3]);
    return [r.value, g];
  });
  try {
    opts.onProgress?.(1, 2);
    check();
    const [v, data] = await Promise.all([value.data(), magnitude.data()]);
    opts.onProgress?.(2, 2);
    check();
    return { value: v[0], data: data as Float32Array, height, width };
  } finally {
    value.dispose();
    magnitude.dispose();
  }
}
