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
 * out. The permutation is read back from the labels, not written down by hand.
 */
import * as tf from '@tensorflow/tfjs';
import { channelShuffle, concatChannels, sliceChannels } from '@/lib/runtime/ops/channels';
import { SHUFFLE_GROUPS, checkOptions, type ShuffleTrace, type Slot, type TraceOptions, type UnitKind, type UnitTrace } from './logic';

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

const shuffle = (s: State): State => ({
  labels: channelShuffle(s.labels, SHUFFLE_GROUPS),
  deps: channelShuffle(s.deps, SHUFFLE_GROUPS),
  conv: channelShuffle(s.conv, SHUFFLE_GROUPS),
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

function keyOf(code: number): string {
  const c = Math.round(code);
  if (c < 1000) return `o${c}`;
  const unit = Math.floor(c / 1000);
  const r = c % 1000;
  return r >= 500 ? `u${unit}a${r - 500}` : `u${unit}b${r}`;
}

function read(s: State): Slot[] {
  const labels = s.labels.dataSync();
  const deps = s.deps.dataSync();
  const conv = s.conv.dataSync();
  const [, , c0, c] = s.deps.shape;
  return Array.from(labels, (code, j) => {
    const d: number[] = [];
    for (let k = 0; k < c0; k++) if (deps[k * c + j] > 0.5) d.push(k);
    return { key: keyOf(code), deps: d, convolved: conv[j] > 0.5 };
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
    for (let u = 1; u <= o.units; u++) {
      const kind: UnitKind = u === 1 && o.firstDownsample ? 'downsample' : 'basic';
      let left: State;
      let branchIn: State;
      let right: State;
      if (kind === 'downsample') {
        branchIn = x;
        left = branch(x, o.channels / 2, 1000 * u + 500, c0);
        right = branch(x, o.channels / 2, 1000 * u, c0);
      } else {
        const c = x.labels.shape[3];
        left = slice(x, 0, c / 2);
        branchIn = slice(x, c / 2, c / 2);
        right = branch(branchIn, c / 2, 1000 * u, c0);
      }
      const joined = cat(left, right);
      const out = o.shuffle ? shuffle(joined) : joined;
      // The permutation itself, from a tensor whose channel c holds c.
      const n = joined.labels.shape[3];
      const idx = tf.reshape(tf.range(0, n, 1, 'float32'), [1, 1, 1, n]) as tf.Tensor4D;
      const perm = Array.from((o.shuffle ? channelShuffle(idx, SHUFFLE_GROUPS) : idx).dataSync(), (v) => Math.round(v));
      units.push({
        kind,
        input: read(x),
        left: read(left),
        branchIn: read(branchIn),
        right: read(right),
        concat: read(joined),
        output: read(out),
        perm,
      });
      x = out;
    }
    result = { channels: o.channels, inputChannels: c0, shuffle: o.shuffle, units };
  });
  if (!result) throw new Error('channel shuffle trace produced nothing');
  return result;
}
