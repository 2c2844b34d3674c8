import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runTfjsJob } from '@/lib/runtime/job';
import { maxAbsDiff } from '@/lib/widgets/group-equivalence/weights';
import { blockDiagonalHWIO, type GroupedShape } from './groups';
import { traceGroupedConv } from './trace-tf';

const run = (s: GroupedShape, seed = 3) => runTfjsJob({ backend: 'cpu' }, async ({ tensorsBefore }) => ({ t: await traceGroupedConv(s, seed), tensorsBefore }));

// The code the widget runs, on the tfjs cpu backend in Node.
describe('a grouped convolution, three ways (tfjs, cpu)', () => {
  it('equals G separate convolutions concatenated and one block-diagonal dense convolution, and frees every tensor', async () => {
    const s = { cin: 8, cout: 12, G: 4, k: 3, size: 16 };
    const { t, tensorsBefore } = await run(s);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(t.output).toHaveLength(16 * 16 * 12);
    expect(t.runAs).toBe('packed');
    expect(t.magnitude).toBeGreaterThan(0.1);
    expect(t.diffSplit).toBeLessThan(1e-5);
    expect(t.diffBlockDiagonal).toBeLessThan(1e-5);
    // Each group's own output is the slice of the layer's output at that group's channels.
    expect(t.groupOutputs).toHaveLength(4);
    const slice = Float32Array.from({ length: 256 * 3 }, (_, i) => t.output[Math.floor(i / 3) * 12 + 6 + (i % 3)]);
    expect(maxAbsDiff(t.groupOutputs[2], slice)).toBeLessThan(1e-5);
  });

  it('runs G = 1 as a dense conv and G = cin as a depthwise one', async () => {
    const dense = await run({ cin: 4, cout: 4, G: 1, k: 1, size: 16 });
    expect(dense.t.runAs).toBe('dense');
    expect(dense.t.diffBlockDiagonal).toBeLessThan(1e-5);
    const dw = await run({ cin: 6, cout: 6, G: 6, k: 3, size: 16 });
    expect(dw.t.runAs).toBe('depthwise');
    expect(dw.t.diffSplit).toBeLessThan(1e-5);
  });

  it('tells a dense weight from a block-diagonal one (the comparison is not vacuous)', async () => {
    const s = { cin: 4, cout: 4, G: 2, k: 3, size: 16 };
    const { t } = await run(s);
    // A dense conv whose weight has the same diagonal blocks but no zeros between them.
    const full = blockDiagonalHWIO(t.weight, s).map((v) => (v === 0 ? 0.3 : v));
    const y = tf.tidy(() => tf.conv2d(tf.tensor4d(t.input, [1, 16, 16, 4]), tf.tensor4d(full, [3, 3, 4, 4]), 1, 'same').dataSync());
    expect(maxAbsDiff(y, t.output)).toBeGreaterThan(1e-2);
  });
});
