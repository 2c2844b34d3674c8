/** Backend selection in Node: webgpu and webgl are unavailable, so it falls back to wasm. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from './backend';

describe('initBackend', () => {
  it('falls back webgpu -> webgl -> wasm and reports why', async () => {
    const info = await initBackend();
    expect(info.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.fallbacks.map((f) => f.backend)).toEqual(['webgpu', 'webgl']);
    expect(info.fallbacks.every((f) => f.error.length > 0)).toBe(true);
    expect(info.gpuTimer).toBe(false);
    expect(info.renderer).toMatch(/WebAssembly/);
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
  });

  it('honours an explicit order', async () => {
    const info = await initBackend({ order: ['cpu'] });
    expect(info).toMatchObject({ backend: 'cpu', fallbacks: [], gpuTimer: false });
    await initBackend({ order: ['wasm'] });
  });

  it('throws when nothing works', async () => {
    await expect(initBackend({ order: ['webgl'] })).rejects.toThrow(/no tfjs backend/);
  });
});
