import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Model } from '@/lib/runtime/executor';
import { heInit } from '@/lib/runtime/weights/he-init';
import { FORM_C_BNS, formGraph } from '@/lib/widgets/cardinality-groups/forms';
import { runEquivalence } from './run';
import { maxAbsDiff, randomizeBatchNorm, seededInput, splitGroupedWeights } from './weights';

// The same code the page runs, on the tfjs cpu backend in Node.
describe('the three forms compute the same function (tfjs, cpu)', () => {
  it('agrees to float rounding and frees every tensor', async () => {
    const r = await runEquivalence({ C: 4, d: 3, width: 16, seed: 5, backend: 'cpu' });
    expect(r.backend.backend).toBe('cpu');
    expect(r.outputShape).toEqual([1, 32, 32, 16]);
    expect(r.magnitude).toBeGreaterThan(0.1);
    expect(r.diffAC).toBeLessThan(1e-4);
    expect(r.diffBC).toBeLessThan(1e-4);
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
  });

  it('detects a wrong channel order (the check is not vacuous)', async () => {
    await tf.setBackend('cpu');
    const s = { C: 2, d: 2, width: 8, size: 32 };
    const c = randomizeBatchNorm(heInit(formGraph('c', s), 3), 3, FORM_C_BNS);
    const { a } = splitGroupedWeights(c, s.C, s.d);
    // Swap the first 1×1 of the two paths: a different function.
    const p0 = a.get('path0.conv1.weight')!;
    a.set('path0.conv1.weight', a.get('path1.conv1.weight')!);
    a.set('path1.conv1.weight', p0);
    const x = tf.tensor4d(seededInput(32 * 32 * 8, 3), [1, 32, 32, 8]);
    const ma = Model.create(formGraph('a', s), a);
    const mc = Model.create(formGraph('c', s), c);
    const ya = ma.predict(x);
    const yc = mc.predict(x);
    const diff = maxAbsDiff(await ya.data(), await yc.data());
    tf.dispose([x, ya, yc]);
    ma.dispose();
    mc.dispose();
    expect(diff).toBeGreaterThan(1e-2);
  });
});
