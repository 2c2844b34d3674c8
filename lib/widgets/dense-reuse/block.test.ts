import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Model } from '@/lib/runtime/executor';
import { readFeatureMaps } from '@/lib/runtime/featuremaps';
import { heInit } from '@/lib/runtime/weights/he-init';
import { bandDifference, capturedNodes, inputNode, reuseBands, reuseGraph, sourceNode } from './block';
import { REUSE_BLOCK } from './meta';

describe('the reuse block', () => {
  it('is a 6-layer DenseNet-B block at 64×64 after an ImageNet stem', () => {
    const g = reuseGraph();
    const names = new Set(g.nodes.map((n) => n.name));
    for (const n of capturedNodes()) expect(names.has(n)).toBe(true);
    const x0 = g.nodes.find((n) => n.name === sourceNode(0))!;
    expect(x0.outShape).toEqual([REUSE_BLOCK.k0, 64, 64]);
    const last = g.nodes.find((n) => n.name === inputNode(REUSE_BLOCK.L + 1))!;
    expect(last.outShape).toEqual([REUSE_BLOCK.k0 + REUSE_BLOCK.L * REUSE_BLOCK.k, 64, 64]);
    for (let l = 2; l <= REUSE_BLOCK.L; l++) {
      const c = g.nodes.find((n) => n.name === inputNode(l))!;
      expect(c.inputs).toEqual(Array.from({ length: l }, (_, s) => sourceNode(s)));
      expect(c.outShape[0]).toBe(reuseBands(l).reduce((a, b) => a + b.size, 0));
    }
  });

  it('compares a band of a concatenation with its source', () => {
    const hw = 2;
    const concat = Float32Array.from([1, 2, 3, 4, 5, 6]); // 3 channels of 2 values
    expect(bandDifference(concat, Float32Array.from([3, 4, 5, 6]), { source: 1, start: 1, size: 2 }, hw)).toBe(0);
    expect(bandDifference(concat, Float32Array.from([3, 4, 5, 7]), { source: 1, start: 1, size: 2 }, hw)).toBe(1);
  });

  it('the real concatenations hold their sources bit for bit (tfjs, cpu, small input)', async () => {
    await tf.setBackend('cpu');
    const g = reuseGraph();
    const before = tf.memory().numTensors;
    const m = Model.create(g, heInit(g, 0));
    const x = tf.randomUniform([1, 64, 64, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
    const { maps } = await readFeatureMaps(m, x, capturedNodes());
    x.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const l = 4;
    const concat = maps.get(inputNode(l))!;
    const hw = concat.shape[2] * concat.shape[3];
    for (const band of reuseBands(l)) expect(bandDifference(concat.data, maps.get(sourceNode(band.source))!.data, band, hw)).toBe(0);
  });
});
