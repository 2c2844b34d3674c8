/**
 * Labelled images (NCHW float32, PyTorch's layout) into the trainer's batches: the rows a
 * BatchSampler picked, gathered on the CPU and uploaded as one NHWC tensor (the runtime's
 * inputFromNCHW), with int32 labels. Per step that is batch × C·H·W floats, so no copy of the
 * dataset is kept on the device.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../arch/ir';
import { inputFromNCHW } from '../runtime/executor';
import type { LabelledImages } from './types';

/** Number of classes a graph predicts (its output's width). */
export function classesOf(graph: Graph): number {
  const out = graph.nodes.find((n) => n.name === graph.output);
  const c = out?.outShape.at(-1);
  if (!out || out.outShape.length !== 1 || !c) throw new Error(`graph ${graph.id}: the output "${graph.output}" is not a [classes] vector`);
  return c;
}

/** Every problem of `data` as input for `graph`, one sentence each (empty when it fits). */
export function imageIssues(data: LabelledImages, graph: Graph, what = 'images'): string[] {
  const issues: string[] = [];
  const [n, c, h, w] = data.shape;
  const [gc, gh, gw] = graph.input;
  if (![n, c, h, w].every((d) => Number.isInteger(d) && d >= 0)) issues.push(`${what}: shape [${data.shape.join(', ')}] is not a list of 4 whole numbers`);
  else {
    if (c !== gc || h !== gh || w !== gw) issues.push(`${what} are [${c}, ${h}, ${w}] each; ${graph.id} takes [${gc}, ${gh}, ${gw}]`);
    if (data.images.length !== n * c * h * w) issues.push(`${what}: ${data.images.length} values, but shape [${data.shape.join(', ')}] needs ${n * c * h * w}`);
    if (data.labels.length !== n) issues.push(`${what}: ${data.labels.length} labels for ${n} images`);
  }
  const k = classesOf(graph);
  const bad = data.labels.findIndex((l) => !Number.isInteger(l) || l < 0 || l >= k);
  if (bad >= 0) issues.push(`${what}: label ${data.labels[bad]} at index ${bad} is not a class of ${graph.id} (0..${k - 1})`);
  return issues;
}

/** Throws one Error listing every problem of `data` for `graph`. */
export function checkImages(data: LabelledImages, graph: Graph, what = 'images'): void {
  const issues = imageIssues(data, graph, what);
  if (issues.length) throw new Error(issues.join('; '));
}

/** Rows `indices` of `data` as an NHWC batch and int32 labels (caller disposes both). */
export function gatherBatch(data: LabelledImages, indices: ArrayLike<number>): { x: tf.Tensor4D; labels: tf.Tensor1D } {
  const [, c, h, w] = data.shape;
  const per = c * h * w;
  const b = indices.length;
  const buf = new Float32Array(b * per);
  const lab = new Int32Array(b);
  for (let i = 0; i < b; i++) {
    const r = indices[i];
    buf.set(data.images.subarray(r * per, (r + 1) * per), i * per);
    lab[i] = data.labels[r];
  }
  const x = inputFromNCHW(buf, [b, c, h, w]);
  return { x, labels: tf.tensor1d(lab, 'int32') };
}
