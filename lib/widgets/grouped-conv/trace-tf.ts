/**
 * Computes a grouped convolution three ways in TensorFlow.js on one small seeded tensor:
 *
 * 1. as the site runs every grouped conv: the executor's Model on the one-conv graph of ./groups.ts
 *    (lib/runtime/groupconv.ts picks the strategy; tfjs has no grouped conv of its own);
 * 2. as G separate convolutions, one per group (tf.slice of the group's input channels, tf.conv2d
 *    with the group's filter), concatenated with tf.concat: each group's output is kept for the steps;
 * 3. as one dense tf.conv2d whose weight is block-diagonal (zeros between groups).
 *
 * and reports how far apart 2 and 3 are from 1. Run it inside a job (runTfjsJob): it frees every
 * tensor it makes. Browser or Node; load with import().
 */
import * as tf from '@tensorflow/tfjs';
import { Model } from '@/lib/runtime/executor';
import { explicitPad } from '@/lib/runtime/groupconv';
import { heInit } from '@/lib/runtime/weights/he-init';
import { maxAbs, maxAbsDiff, seededInput } from '@/lib/widgets/group-equivalence/weights';
import { GROUPED_CONV, blockDiagonalHWIO, groupFilterHWIO, groupRanges, groupedGraph, type GroupedShape } from './groups';

export interface GroupedTrace {
  readonly shape: GroupedShape;
  /** The input, NHWC [size, size, cin] (batch 1). */
  readonly input: Float32Array;
  /** The grouped weight, OIHW [cout, cin/G, k, k] (PyTorch's layout). */
  readonly weight: Float32Array;
  /** Group g's own convolution's output, NHWC [size, size, cout/G]. */
  readonly groupOutputs: readonly Float32Array[];
  /** The grouped conv as the executor runs it, NHWC [size, size, cout]. */
  readonly output: Float32Array;
  /** How the executor ran it ('packed', …; 'dense' for G = 1, 'depthwise' for G = cin). */
  readonly runAs: string;
  /** max |(1) − (2)| and max |(1) − (3)| over every output value. */
  readonly diffSplit: number;
  readonly diffBlockDiagonal: number;
  /** max |output|, for scale. */
  readonly magnitude: number;
}

export async function traceGroupedConv(s: GroupedShape, seed: number): Promise<GroupedTrace> {
  const graph = groupedGraph(s);
  const weights = heInit(graph, seed);
  const weight = weights.get(`${GROUPED_CONV}.weight`)!.data;
  const input = seededInput(s.size * s.size * s.cin, seed);
  const pad = explicitPad([(s.k - 1) / 2, (s.k - 1) / 2]);
  const node = graph.nodes[0];
  const runAs = node.op.kind === 'conv' && node.op.groups === 1 ? 'dense' : null;

  const x = tf.tensor4d(input, [1, s.size, s.size, s.cin]);
  const model = Model.create(graph, weights);
  try {
    const { grouped, parts, split, blockDiag } = tf.tidy(() => {
      const y1 = model.predict(x);
      const ys = groupRanges(s).map(({ group, inStart, inEnd }) => {
        const xs = tf.slice(x, [0, 0, 0, inStart], [1, s.size, s.size, inEnd - inStart]);
        const f = tf.tensor4d(groupFilterHWIO(weight, s, group), [s.k, s.k, inEnd - inStart, s.cout / s.G]);
        return tf.conv2d(xs, f, 1, pad);
      });
      const y2 = ys.length === 1 ? ys[0] : tf.concat(ys, 3);
      const y3 = tf.conv2d(x, tf.tensor4d(blockDiagonalHWIO(weight, s), [s.k, s.k, s.cin, s.cout]), 1, pad);
      return { grouped: y1, parts: ys, split: y2, blockDiag: y3 };
    });
    try {
      const [output, splitData, blockData, ...groupOutputs] = (await Promise.all([grouped, split, blockDiag, ...parts].map((t) => t.data()))) as Float32Array[];
      return {
        shape: s,
        input,
        weight,
        groupOutputs,
        output,
        runAs: runAs ?? (node.op.kind === 'conv' && node.op.groups === s.cin ? 'depthwise' : model.groupConv),
        diffSplit: maxAbsDiff(output, splitData),
        diffBlockDiagonal: maxAbsDiff(output, blockData),
        magnitude: maxAbs(output),
      };
    } finally {
      tf.dispose([grouped, split, blockDiag, ...parts]);
    }
  } finally {
    model.dispose();
    x.dispose();
  }
}
