/** Single-op semantics against PyTorch's definitions (NCHW references, NHWC tensors). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { nchwToNhwc, nhwcToNchw } from './layout';
import { channelShuffle, sliceChannels } from './ops/channels';
import { flatten, globalAvgPool, globalAvgPoolAsPool } from './ops/dense';
import { avgPool, maxPool, maxPoolPadded, poolOutSize } from './ops/pool';
import { useBackend } from './testing/fixtures.node';
import { naivePool } from './testing/reference';
import { hashU } from './weights/hash-init';

function nhwc(c: number, h: number, w: number, salt = 1): { nchw: Float32Array; t: tf.Tensor4D } {
  const nchw = new Float32Array(c * h * w).map((_, i) => 2 * hashU(salt, i));
  return { nchw, t: tf.tensor4d(nchwToNhwc(nchw, 1, c, h, w), [1, h, w, c]) };
}

function toNchw(t: tf.Tensor): Float32Array {
  const [n, h, w, c] = t.shape as [number, number, number, number];
  return nhwcToNchw(t.dataSync() as Float32Array, n, h, w, c);
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`ops on ${backend}`, () => {
    it('channel shuffle equals view(g, C/g).transpose(1, 2) on NCHW', async () => {
      await useBackend(backend);
      // Channel c holds the constant c, so the output's channel order is readable directly.
      const c = 12;
      const g = 3;
      const data = new Float32Array(2 * 2 * c).map((_, i) => i % c);
      const y = channelShuffle(tf.tensor4d(data, [1, 2, 2, c]), g);
      const order = Array.from((y.dataSync() as Float32Array).slice(0, c));
      // PyTorch: new channel j*g + i <- old channel i*(C/g) + j.
      const want: number[] = [];
      for (let j = 0; j < c / g; j++) for (let i = 0; i < g; i++) want.push(i * (c / g) + j);
      expect(order).toEqual(want);
      expect(want.slice(0, 6)).toEqual([0, 4, 8, 1, 5, 9]);
      y.dispose();
    });

    it('slice takes channels [start, start+size) like x.chunk(2, dim=1)', async () => {
      await useBackend(backend);
      const { nchw, t } = nhwc(6, 3, 4);
      const lo = toNchw(sliceChannels(t, 0, 3));
      const hi = toNchw(sliceChannels(t, 3, 3));
      expect(Array.from(lo)).toEqual(Array.from(nchw.slice(0, 36)));
      expect(Array.from(hi)).toEqual(Array.from(nchw.slice(36)));
      t.dispose();
    });

    it('flatten follows PyTorch CHW order', async () => {
      await useBackend(backend);
      const { nchw, t } = nhwc(3, 2, 5);
      const f = flatten(t);
      expect(f.shape).toEqual([1, 30]);
      expect(Array.from(f.dataSync())).toEqual(Array.from(nchw));
      t.dispose();
      f.dispose();
    });

    it('global average pooling as one H x W pool equals the mean over H and W (float32 round-off)', async () => {
      await useBackend(backend);
      const { t } = nhwc(6, 7, 7, 9);
      for (const keep of [true, false]) {
        const [a, b] = [globalAvgPool(t, keep), globalAvgPoolAsPool(t, keep)];
        expect(b.shape).toEqual(a.shape);
        const [u, v] = [a.dataSync(), b.dataSync()];
        for (let i = 0; i < u.length; i++) expect(Math.abs(u[i] - v[i])).toBeLessThan(1e-6 * (1 + Math.abs(u[i])));
        tf.dispose([a, b]);
      }
      t.dispose();
    });

    const pools = [
      { kind: 'max', k: 3, s: 2, p: 1, ceil: false, h: 8 },
      { kind: 'max', k: 3, s: 2, p: 1, ceil: false, h: 7 },
      { kind: 'max', k: 3, s: 2, p: 0, ceil: true, h: 8 },
      { kind: 'max', k: 3, s: 2, p: 1, ceil: true, h: 8 },
      { kind: 'max', k: 2, s: 2, p: 0, ceil: true, h: 7 },
      { kind: 'avg', k: 2, s: 2, p: 0, ceil: false, h: 9 },
      { kind: 'avg', k: 3, s: 2, p: 1, ceil: false, h: 8 },
      { kind: 'avg', k: 3, s: 2, p: 1, ceil: true, h: 8 },
      { kind: 'avg', k: 3, s: 2, p: 0, ceil: true, h: 8 },
    ] as const;
    for (const o of pools) {
      it(`${o.kind}pool k${o.k} s${o.s} p${o.p} ceil=${o.ceil} @${o.h}`, async () => {
        await useBackend(backend);
        const { nchw, t } = nhwc(4, o.h, o.h, 5);
        // All-negative input: a zero-padded max pool would wrongly return 0 at the borders.
        const neg = tf.sub(t, 3) as tf.Tensor4D;
        const negData = nchw.map((v) => Math.fround(v - 3));
        const op = { kind: o.kind === 'max' ? 'maxpool' : 'avgpool', kernel: [o.k, o.k], stride: [o.s, o.s], padding: [o.p, o.p], ceilMode: o.ceil } as const;
        const y = o.kind === 'max' ? maxPool(neg, op) : avgPool(neg, op);
        const ref = naivePool(negData, [4, o.h, o.h], o);
        expect(y.shape[1]).toBe(ref.shape[1]);
        expect(y.shape[1]).toBe(poolOutSize(o.h, o.k, o.s, o.p, o.ceil));
        const got = toNchw(y);
        for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - ref.data[i])).toBeLessThan(1e-5);
        // The wasm fast path (the kernel's own padding, no -Infinity pad): the same values, bit for bit.
        if (o.kind === 'max' && backend === 'wasm') {
          const fast = maxPoolPadded(neg, op);
          expect(Array.from(fast.dataSync())).toEqual(Array.from(y.dataSync()));
          fast.dispose();
        }
        tf.dispose([t, neg, y]);
      });
    }
  });
}
