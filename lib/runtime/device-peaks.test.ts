/** The device microbenchmark: positive roofs, cached per backend, cancellable, no tensor left. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { isCancelled } from './cancel';
import { cachedPeaks, clearPeaksCache, measurePeaks } from './device-peaks';
import { useBackend } from './testing/fixtures.node';

// Small problems and short samples: this pins behaviour, the numbers belong to `npm run bench`.
const small = { start: { matmul: 64, conv: 8, elements: 1 << 14 }, limit: { matmul: 256, conv: 32, elements: 1 << 18 }, samples: 2, minSampleMs: 8 };

describe('device peaks (wasm)', () => {
  it('measures matmul, conv and bandwidth, caches them for the session, and frees every tensor', async () => {
    await useBackend('wasm');
    clearPeaksCache();
    const before = tf.memory().numTensors;
    const p = await measurePeaks(small);
    expect(tf.memory().numTensors).toBe(before);
    expect(p.backend).toBe('wasm');
    expect(p.timer).toBe('wall');
    expect(p.kernels.map((k) => k.what.split(' ')[0])).toEqual(['matmul', 'conv', 'add']);
    for (const k of p.kernels) expect(k.ms).toBeGreaterThan(0);
    expect(p.peakGflops).toBe(Math.max(p.matmulGflops, p.convGflops));
    expect(p.peakGflops).toBeGreaterThan(0);
    expect(p.peakGBps).toBeGreaterThan(0);
    // The matmul's FLOPs are 2·n³ for the size it settled on.
    const n = Number(/matmul (\d+)/.exec(p.kernels[0].what)![1]);
    expect(p.kernels[0].flops).toBe(2 * n ** 3);
    expect(cachedPeaks('wasm')).toBe(p);
    expect(await measurePeaks(small)).toBe(p);
    const again = await measurePeaks({ ...small, refresh: true });
    expect(again).not.toBe(p);
    expect(cachedPeaks('wasm')).toBe(again);
  });

  it('stops with CancelledError when cancelled mid-way, caches nothing, leaks nothing', async () => {
    await useBackend('wasm');
    clearPeaksCache();
    const before = tf.memory().numTensors;
    const ctrl = new AbortController();
    const err = await measurePeaks({ ...small, signal: ctrl.signal, onProgress: (done) => done === 1 && ctrl.abort() }).catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    expect(cachedPeaks('wasm')).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    // Already cancelled before it starts: nothing runs.
    const pre = new AbortController();
    pre.abort();
    expect(isCancelled(await measurePeaks({ ...small, signal: pre.signal }).catch((e: unknown) => e))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
