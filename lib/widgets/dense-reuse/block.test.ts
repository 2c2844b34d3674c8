import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Model } from '@/lib/runtime/executor';
import { readFeatureMaps } from '@/lib/runtime/featuremaps';
import { heInit } from '@/lib/runtime/weights/he-init';
import { inputBands } from '@/lib/widgets/dense-connectivity/layout';
import { bandDifference, capturedNodes, layerBands, reuseView } from './block';
import { REUSE_BLOCK, REUSE_DIGITS } from './meta';

describe('the reuse networks', () => {
  it('imagenet: a 6-layer DenseNet-B block at 64×64 after an ImageNet stem', () => {
    const v = reuseView('imagenet');
    const g = v.graph;
    const [b] = v.blocks;
    expect(v.blocks).toHaveLength(1);
    const names = new Set(g.nodes.map((n) => n.name));
    for (const n of capturedNodes(v)) expect(names.has(n)).toBe(true);
    const x0 = g.nodes.find((n) => n.name === b.sources[0])!;
    expect(x0.outShape).toEqual([REUSE_BLOCK.k0, 64, 64]);
    const last = g.nodes.find((n) => n.name === b.reads[REUSE_BLOCK.L])!;
    expect(last.outShape).toEqual([REUSE_BLOCK.k0 + REUSE_BLOCK.L * REUSE_BLOCK.k, 64, 64]);
    for (let l = 2; l <= REUSE_BLOCK.L; l++) {
      const c = g.nodes.find((n) => n.name === b.reads[l - 1])!;
      expect(c.inputs).toEqual(b.sources.slice(0, l));
      // The bands traced through the spec's concat agree with the figure's arithmetic.
      expect(layerBands(v, 0, l)).toEqual(inputBands(l, REUSE_BLOCK.k0, REUSE_BLOCK.k));
      expect(c.outShape[0]).toBe(layerBands(v, 0, l).reduce((a, x) => a + x.size, 0));
    }
  });

  it('digits: densenet_digits, three blocks of four layers (k0 = 24, then 36 and 42 from the transitions)', () => {
    const v = reuseView('digits');
    expect(v.graph.id).toBe('densenet_digits');
    expect(v.blocks).toHaveLength(REUSE_DIGITS.blocks);
    expect(v.blocks.map((b) => b.sources.length)).toEqual([5, 5, 5]);
    expect([0, 1, 2].map((i) => layerBands(v, i, 1)[0].size)).toEqual([24, 36, 42]);
    expect(layerBands(v, 2, 5).map((b) => b.size)).toEqual([42, 12, 12, 12, 12]);
  });

  it('compares a band of a concatenation with its source', () => {
    const hw = 2;
    const concat = Float32Array.from([1, 2, 3, 4, 5, 6]); // 3 channels of 2 values
    expect(bandDifference(concat, Float32Array.from([3, 4, 5, 6]), { source: 1, start: 1, size: 2 }, hw)).toBe(0);
    expect(bandDifference(concat, Float32Array.from([3, 4, 5, 7]), { source: 1, start: 1, size: 2 }, hw)).toBe(1);
  });

  it('the real concatenations hold their sources bit for bit (tfjs, cpu, small input)', async () => {
    await tf.setBackend('cpu');
    const v = reuseView('imagenet');
    const g = v.graph;
    const before = tf.memory().numTensors;
    const m = Model.create(g, heInit(g, 0));
    const x = tf.randomUniform([1, 64, 64, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
    const { maps } = await readFeatureMaps(m, x, capturedNodes(v));
    x.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const l = 4;
    const concat = maps.get(v.blocks[0].reads[l - 1])!;
    const hw = concat.shape[2] * concat.shape[3];
    for (const band of layerBands(v, 0, l)) expect(bandDifference(concat.data, maps.get(v.blocks[0].sources[band.source])!.data, band, hw)).toBe(0);
  });
});
