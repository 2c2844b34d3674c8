import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runTfjsJob } from '@/lib/runtime/job';
import { maxAbsDiff } from '@/lib/widgets/group-equivalence/weights';
import { factorisedKernel, separableWeights, traceSeparable } from './trace-tf';

// The code the widget runs, on the tfjs cpu backend in Node.
describe('depthwise then pointwise (tfjs, cpu)', () => {
  it('equals one full convolution with the factorised kernel, and tfjs’ separableConv2d; frees every tensor', async () => {
    for (const s of [
      { cin: 4, cout: 8, k: 3, size: 16 },
      { cin: 3, cout: 2, k: 5, size: 16 },
    ]) {
      const { t, before } = await runTfjsJob({ backend: 'cpu' }, async ({ tensorsBefore }) => ({ t: await traceSeparable(s, 2), before: tensorsBefore }));
      expect(tf.memory().numTensors).toBe(before);
      expect(t.depthwiseOutput).toHaveLength(256 * s.cin);
      expect(t.output).toHaveLength(256 * s.cout);
      expect(t.magnitude).toBeGreaterThan(0.05);
      expect(t.diffFull).toBeLessThan(1e-5);
      expect(t.diffSeparableOp).toBeLessThan(1e-5);
    }
  });

  it('computes each depthwise channel from its own input channel only (by hand at the centre pixel)', async () => {
    const s = { cin: 2, cout: 2, k: 3, size: 16 };
    const t = await runTfjsJob({ backend: 'cpu' }, () => traceSeparable(s, 5));
    // Output pixel (2, 3) of channel 1: Σ over the 3×3 window of input channel 1 times D[·, ·, 1].
    let v = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) v += t.input[((1 + i) * 16 + (2 + j)) * 2 + 1] * t.depthwise[(i * 3 + j) * 2 + 1];
    expect(t.depthwiseOutput[(2 * 16 + 3) * 2 + 1]).toBeCloseTo(v, 5);
    // Pointwise output 0 at that pixel: Σ_c P[c, 0] · depthwise[c].
    const p = (2 * 16 + 3) * 2;
    expect(t.output[p]).toBeCloseTo(t.depthwiseOutput[p] * t.pointwise[0] + t.depthwiseOutput[p + 1] * t.pointwise[2], 5);
  });

  it('a full kernel that is not factorised gives another output (the comparison is not vacuous)', async () => {
    const s = { cin: 3, cout: 4, k: 3, size: 16 };
    const t = await runTfjsJob({ backend: 'cpu' }, () => traceSeparable(s, 4));
    const { depthwise, pointwise } = separableWeights(s, 4);
    const w = factorisedKernel(depthwise, pointwise, s);
    w[5] += 0.5;
    const y = tf.tidy(() => tf.conv2d(tf.tensor4d(t.input, [1, 16, 16, 3]), tf.tensor4d(w, [3, 3, 3, 4]), 1, 'same').dataSync());
    expect(maxAbsDiff(y, t.output)).toBeGreaterThan(1e-2);
  });
});
