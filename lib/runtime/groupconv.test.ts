/** Every grouped-conv strategy equals a naive float64 PyTorch-layout reference (and each other). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GROUP_CONV_STRATEGIES, type GroupConvGeometry, prepareGroupConv } from './groupconv';
import { nchwToNhwc, nhwcToNchw } from './layout';
import { useBackend } from './testing/fixtures.node';
import { naiveConv2d } from './testing/reference';
import { hashFillTensor, hashU } from './weights/hash-init';

const CASES: (GroupConvGeometry & { h: number; w: number })[] = [
  { inC: 8, outC: 8, groups: 2, kernel: [3, 3], stride: [1, 1], padding: [1, 1], h: 9, w: 7 },
  { inC: 16, outC: 16, groups: 4, kernel: [3, 3], stride: [2, 2], padding: [1, 1], h: 10, w: 10 },
  { inC: 32, outC: 64, groups: 8, kernel: [3, 3], stride: [2, 2], padding: [1, 1], h: 7, w: 8 },
  { inC: 12, outC: 6, groups: 3, kernel: [1, 1], stride: [1, 1], padding: [0, 0], h: 5, w: 5 },
  { inC: 64, outC: 64, groups: 32, kernel: [3, 3], stride: [1, 1], padding: [1, 1], h: 6, w: 6 },
  { inC: 6, outC: 12, groups: 6, kernel: [5, 5], stride: [2, 2], padding: [2, 2], h: 9, w: 9 }, // depthwise x2
];

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`grouped conv strategies on ${backend}`, () => {
    for (const c of CASES) {
      it(`${c.inC}->${c.outC} g${c.groups} k${c.kernel[0]} s${c.stride[0]} @${c.h}x${c.w}`, async () => {
        await useBackend(backend);
        const before = tf.memory().numTensors;
        const x = new Float32Array(c.inC * c.h * c.w).map((_, i) => 2 * hashU(7, i));
        const wt = hashFillTensor(3, 'conv.weight', [c.outC, c.inC / c.groups, c.kernel[0], c.kernel[1]]);
        const ref = naiveConv2d(x, [c.inC, c.h, c.w], wt, { outC: c.outC, k: [...c.kernel], s: [...c.stride], p: [...c.padding], groups: c.groups });
        const xt = tf.tensor4d(nchwToNhwc(x, 1, c.inC, c.h, c.w), [1, c.h, c.w, c.inC]);
        const results: Float32Array[] = [];
        for (const s of GROUP_CONV_STRATEGIES) {
          const p = prepareGroupConv(s, c, wt);
          const y = p.run(xt);
          expect(y.shape, s).toEqual([1, ref.shape[1], ref.shape[2], c.outC]);
          const got = nhwcToNchw(y.dataSync() as Float32Array, 1, y.shape[1], y.shape[2], y.shape[3]);
          y.dispose();
          p.dispose();
          let maxErr = 0;
          let scale = 0;
          for (let i = 0; i < got.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(got[i] - ref.data[i]));
            scale = Math.max(scale, Math.abs(ref.data[i]));
          }
          expect(maxErr / scale, `${s} vs naive`).toBeLessThan(1e-5);
          results.push(got);
        }
        for (let a = 1; a < results.length; a++)
          for (let i = 0; i < results[0].length; i++) expect(Math.abs(results[a][i] - results[0][i])).toBeLessThan(1e-5 * (1 + Math.abs(results[0][i])));
        xt.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
}
