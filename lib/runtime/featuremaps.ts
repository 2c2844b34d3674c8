/**
 * Feature maps for display: one forward pass returns the activations of chosen nodes (or all of
 * them) as plain Float32Arrays in PyTorch's NCHW order. No tensor outlives the call.
 */
import * as tf from '@tensorflow/tfjs';
import type { OpKind } from '../arch/ir';
import type { Model } from './executor';

export interface FeatureMap {
  readonly name: string;
  readonly op: OpKind;
  /** 'NCHW' for spatial maps, 'NF' for vectors (after global pooling / flatten / linear). */
  readonly layout: 'NCHW' | 'NF';
  /** Including the batch dimension: [N, C, H, W] or [N, F]. */
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface FeatureMapResult {
  /** The logits, [N, classes] flattened. */
  readonly logits: Float32Array;
  readonly maps: Map<string, FeatureMap>;
}

/** Read one captured NHWC tensor back as NCHW (transposed on the backend, then downloaded). */
async function toFeatureMap(name: string, op: OpKind, t: tf.Tensor): Promise<FeatureMap> {
  if (t.rank === 4) {
    const [n, h, w, c] = t.shape as [number, number, number, number];
    const nchw = tf.tidy(() => tf.transpose(t, [0, 3, 1, 2]));
    try {
      return { name, op, layout: 'NCHW', shape: [n, c, h, w], data: (await nchw.data()) as Float32Array };
    } finally {
      nchw.dispose();
    }
  }
  const flat = t.rank === 2 ? t : tf.reshape(t, [t.shape[0], -1]);
  try {
    return { name, op, layout: 'NF', shape: [...flat.shape], data: (await flat.data()) as Float32Array };
  } finally {
    if (flat !== t) flat.dispose();
  }
}

/**
 * Run `model` on an NHWC input and read back the outputs of `nodes` ('all' = every node).
 * All tensors created here are disposed before the promise settles, also on error.
 */
export async function readFeatureMaps(model: Model, input: tf.Tensor4D, nodes: readonly string[] | 'all'): Promise<FeatureMapResult> {
  const { output, captured } = model.execute(input, { capture: nodes });
  const ops = new Map(model.graph.nodes.map((n) => [n.name, n.op.kind]));
  try {
    const maps = new Map<string, FeatureMap>();
    for (const [name, t] of captured) maps.set(name, await toFeatureMap(name, ops.get(name) ?? 'concat', t));
    return { logits: (await output.data()) as Float32Array, maps };
  } finally {
    output.dispose();
    for (const t of captured.values()) t.dispose();
  }
}
