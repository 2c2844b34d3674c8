/**
 * No leaks: tf.memory().numTensors returns to its baseline after runs, captures, feature-map
 * reads, profiles, weight reloads, failed loads and disposal, on cpu and wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Model, inputFromNCHW } from './executor';
import { readFeatureMaps } from './featuremaps';
import { profileModel } from './profiler';
import { readFixture, fixtureKeys, useBackend } from './testing/fixtures.node';
import { testGraph } from './testing/models';
import { heInit } from './weights/he-init';
import { hashInit, hashInput } from './weights/hash-init';
import { writeSafetensors } from './weights/safetensors';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`memory on ${backend}`, () => {
    it('numTensors returns to baseline after everything', async () => {
      await useBackend(backend);
      const f = readFixture(new URL('./fixtures/parity/parity_shufflenet_v2_x0_5.json', import.meta.url));
      const graph = testGraph('shufflenet_v2_x0_5', 64);
      const sd = hashInit(fixtureKeys(f));
      const baseline = tf.memory().numTensors;

      for (let round = 0; round < 3; round++) {
        const model = Model.create(graph, sd);
        const x = inputFromNCHW(hashInput([1, 3, 64, 64]), [1, 3, 64, 64]);
        // The first plain forward builds the folded conv+BN filters (owned by the model).
        model.predict(x).dispose();
        const warm = tf.memory().numTensors;
        for (let i = 0; i < 3; i++) model.predict(x).dispose();
        model.execute(x, { fuse: false }).output.dispose();
        const all = model.execute(x, { capture: 'all' });
        all.output.dispose();
        all.captured.forEach((t) => t.dispose());
        const fm = await readFeatureMaps(model, x, ['conv1.0', 'stage2.0.shuffle', 'fc']);
        expect(fm.maps.size).toBe(3);
        await readFeatureMaps(model, x, 'all');
        await profileModel(model, x, { warmup: 1, repeats: 1 });
        expect(tf.memory().numTensors).toBe(warm);

        // Good reload (old weights and folded filters freed, rebuilt on the next forward), bad
        // reloads (shape, parse), then a failing forward (wrong channels).
        expect(model.loadStateDict(heInit(graph, round)).ok).toBe(true);
        model.predict(x).dispose();
        expect(tf.memory().numTensors).toBe(warm);
        const bad = new Map(sd);
        bad.set('fc.weight', { shape: [10, 1024], data: new Float32Array(10240) });
        expect(model.loadStateDict(bad).ok).toBe(false);
        expect(model.loadSafetensors(writeSafetensors([['nope', { shape: [1], data: new Float32Array(1) }]])).ok).toBe(false);
        expect(model.loadSafetensors(new Uint8Array(5)).ok).toBe(false);
        const wrong = tf.zeros([1, 8, 8, 4]) as tf.Tensor4D;
        expect(() => model.predict(wrong)).toThrow();
        wrong.dispose();
        expect(tf.memory().numTensors).toBe(warm);

        x.dispose();
        model.dispose();
        model.dispose(); // idempotent
        expect(() => model.predict(x)).toThrow(/disposed/);
        expect(tf.memory().numTensors).toBe(baseline);
      }
    });
  });
}

describe('memory on failure mid-graph', () => {
  it('frees every intermediate when a node throws', async () => {
    await useBackend('wasm');
    // conv -> bn -> relu -> flatten -> linear sized for 8x8: a 16x16 input fails at the linear.
    const { GraphBuilder } = await import('./testing/builder');
    const { INPUT } = await import('../arch/ir');
    const b = new GraphBuilder([3, 8, 8]);
    let x = b.conv('c', INPUT, 4, 3, 1, 1);
    x = b.bn('n', x);
    x = b.act('r', x);
    const keep = b.conv('side', INPUT, 2, 1); // a branch that is still alive at the failure
    x = b.concat('cat', [x, keep]);
    x = b.flatten('flat', x);
    x = b.linear('fc', x, 3);
    const g = b.build('tiny', x);
    const model = Model.create(g, heInit(g, 1));
    const good = tf.zeros([1, 8, 8, 3]) as tf.Tensor4D;
    model.predict(good).dispose(); // builds the model-owned folded conv+BN filters
    good.dispose();
    const baseline = tf.memory().numTensors;
    const bad = tf.zeros([1, 16, 16, 3]) as tf.Tensor4D;
    expect(() => model.predict(bad)).toThrow();
    expect(() => model.execute(bad, { capture: 'all' })).toThrow();
    bad.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    model.dispose();
  });
});
