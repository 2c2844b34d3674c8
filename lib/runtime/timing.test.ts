/** The one timed warm pass: unrecorded warm-up passes first, then the timed ones; outputs freed. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from './cancel';
import { median, timeForward, timedForward, warmThenTime } from './timing';

/** A stand-in model that records the order of its passes. */
function countingModel() {
  const calls: number[] = [];
  return {
    calls,
    predict(x: tf.Tensor4D) {
      calls.push(calls.length);
      return tf.mul(x, 2);
    },
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('warmThenTime', () => {
  it('runs the warm-up passes, unrecorded, before every recorded one', async () => {
    const seen: boolean[] = [];
    await warmThenTime({ warmup: 2, repeats: 3 }, async (recorded) => void seen.push(recorded));
    expect(seen).toEqual([false, false, true, true, true]);
  });

  it('stops with CancelledError between passes', async () => {
    const ctrl = new AbortController();
    const seen: number[] = [];
    const run = warmThenTime(
      { warmup: 1, repeats: 5 },
      async (_, i) => {
        seen.push(i);
        if (i === 2) ctrl.abort();
      },
      { signal: ctrl.signal },
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('timeForward', () => {
  it('records only the passes after the warm-up, and frees every output', async () => {
    const model = countingModel();
    const x = tf.ones([1, 2, 2, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const passes: number[] = [];
    const samples = await timeForward(model, x, { warmup: 1, repeats: 3 }, { onPass: (done) => passes.push(done) });
    expect(model.calls).toHaveLength(4);
    expect(samples).toHaveLength(3);
    expect(samples.every((ms) => ms >= 0)).toBe(true);
    expect(passes).toEqual([1, 2, 3, 4]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('timedForward reads the output back', async () => {
    const x = tf.ones([1, 1, 1, 2]) as tf.Tensor4D;
    const r = await timedForward(countingModel(), x);
    expect(Array.from(r.data)).toEqual([2, 2]);
    expect(r.shape).toEqual([1, 1, 1, 2]);
    x.dispose();
  });

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
