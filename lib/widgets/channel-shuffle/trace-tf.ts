/**
 * The channel split and shuffle trace, computed with real tfjs ops on small tensors (browser or
 * Node; load it with import() from client components).
 *
 * Three tensors travel through the units, channels on the last axis as everywhere in the runtime:
 *   labels [1,1,1,C]   channel c of the input holds the value c; a convolution branch writes fresh
 *                      labels (1000·unit + j, +500 for the second branch of a stride-2 unit);
 *   deps   [1,1,C0,C]  one-hot rows: deps[k, c] = 1 when channel c depends on original channel k;
 *   conv   [1,1,1,C]   1 where the value came out of a convolution.
 * Split is sliceChannels, concat is concatChannels and the shuffle is channelShuffle (reshape →
 * transpose → reshape), all from lib/runtime/ops/channels.ts. A branch's 1×1 convolutions are real
 * tf.conv2d calls with all-ones filters followed by (x > 0): every output channel then depends on
 * every input channel of the branch, exactly as a dense 1×1 convolution does. The 3×3 depthwise
 * convolution in between never mixes channels, so it does not change the dependencies and is left
 * out. The permutation is read back from the labels, not written down by hand. The split sizes,
 * branch widths and shuffle groups of each unit come from the spec (./units.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { channelShuffle, concatChannels, sliceChannels } from '@/lib/runtime/ops/channels';
import { checkOptions, computedSlot, inputSlot, type ShuffleTrace, type Slot, type TraceOptions, type UnitTrace } from './logic';
import { planUnits } from './units';

interface State {
  labels: tf.Tensor4D;
  deps: tf.Tensor4D;
  conv: tf.Tensor4D;
}

const slice = (s: State, start: number, size: number): State => ({
  labels: sliceChannels(s.labels, start, size) as tf.Tensor4D,
  deps: sliceChannels(s.deps, start, size) as tf.Tensor4D,
  conv: sliceChannels(s.conv, start, size) as tf.Tensor4D,
});

const cat = (a: State, b: State): State => ({
  labels: concatChannels([a.labels, b.labels]) as tf.Tensor4D,
  deps: concatChannels([a.deps, b.deps]) as tf.Tensor4D,
  conv: concatChannels([a.conv, b.conv]) as tf.Tensor4D,
});

const shuffle = (s: State, groups: number): State => ({
  labels: channelShuffle(s.labels, groups),
  deps: channelShuffle(s.deps, groups),
  conv: channelShuffle(s.conv, groups),
});

/** A dense 1×1 convolution's dependency pattern: out[j] depends on every in[i]. */
function pointwise(deps: tf.Tensor4D, outC: number): tf.Tensor4D {
  const inC = deps.shape[3];
  const y = tf.conv2d(deps, tf.ones([1, 1, inC, outC]) as tf.Tensor4D, 1, 'valid');
  return tf.cast(tf.greater(y, 0), 'float32') as tf.Tensor4D;
}

/** A convolution branch: two 1×1 convolutions (the depthwise one in between keeps channels apart). */
function branch(x: State, outC: number, labelBase: number, c0: number): State {
  const deps = pointwise(pointwise(x.deps, outC), outC);
  const labels = tf.reshape(tf.add(tf.range(0, outC, 1, 'float32'), labelBase), [1, 1, 1, outC]) as tf.Tensor4D;
  const conv = tf.ones([1, 1, 1, outC]) as tf.Tensor4D;
  if (deps.shape[2] !== c0) throw new Error('dependency rows changed size');
  return { labels, deps, conv };
}

/** The label codes: c < 1000 is input channel c; 1000·u + j is unit u's branch 2 output j, +500 for branch 1. */
function slotOf(code: number, deps: number[], convolved: boolean): Slot {
  const c = Math.round(code);
  if (c < 1000) return { ...inputSlot(c), deps, convolved };
  const r = c % 1000;
  return { ...computedSlot(Math.floor(c / 1000), r >= 500 ? 1 : 2, r >= 500 ? r - 500 : r, deps), convolved };
}

function read(s: State): Slot[] {
  const labels = s.labels.dataSync();
  const deps = s.deps.dataSync();
  const conv = s.conv.dataSync();
  const [, , c0, c] = s.deps.shape;
  return Array.from(labels, (code, j) => {
    const d: number[] = [];
    for (let k = 0; k < c0; k++) if (deps[k * c + j] > 0.5) d.push(k);
    return slotOf(code, d, conv[j] > 0.5);
  });
}

/** Runs `units` consecutive ShuffleNet v2 units on the tiny tensors and reads every step back. */
export function traceShuffleTf(o: TraceOptions): ShuffleTrace {
  checkOptions(o);
  const c0 = o.firstDownsample ? o.channels / 2 : o.channels;
  let result: ShuffleTrace | null = null;
  // Every intermediate tensor is freed when tidy returns; only plain arrays leave it.
  tf.tidy(() => {
    let x: State = {
      labels: tf.reshape(tf.range(0, c0, 1, 'float32'), [1, 1, 1, c0]) as tf.Tensor4D,
      deps: tf.reshape(tf.eye(c0), [1, 1, c0, c0]) as tf.Tensor4D,
      conv: tf.zeros([1, 1, 1, c0]) as tf.Tensor4D,
    };
    const units: UnitTrace[] = [];
    planUnits(o).forEach((plan, i) => {
      const u = i + 1;
      let left: State;
      let branchIn: State;
      let right: State;
      if (!plan.split) {
        branchIn = x;
        left = branch(x, plan.leftOut, 1000 * u + 500, c0);
        right = branch(x, plan.rightOut, 1000 * u, c0);
      } else {
        left = slice(x, 0, plan.split[0]);
        branchIn = slice(x, plan.split[0], plan.split[1]);
        right = branch(branchIn, plan.rightOut, 1000 * u, c0);
      }
      const joined = cat(left, right);
      const out = o.shuffle ? shuffle(joined, plan.shuffleGroups) : joined;
      // The permutation itself, from a tensor whose channel c holds c.
      const n = joined.labels.shape[3];
      const idx = tf.reshape(tf.range(0, n, 1, 'float32'), [1, 1, 1, n]) as tf.Tensor4D;
      const perm = Array.from((o.shuffle ? channelShuffle(idx, plan.shuffleGroups) : idx).dataSync(), (v) => Math.round(v));
      units.push({
        kind: plan.kind,
        input: read(x),
        left: read(left),
        branchIn: read(branchIn),
        right: read(right),
        concat: read(joined),
        output: read(out),
        perm,
      });
      x = out;
    });
    result = { channels: o.channels, inputChannels: c0, shuffle: o.shuffle, units };
  });
  if (!result) throw new Error('channel shuffle trace produced nothing');
  return result;
}
