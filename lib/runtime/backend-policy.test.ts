/** The one backend policy: every `backend=` value starts at its place in BACKEND_ORDER and walks down. */
import { describe, expect, it } from 'vitest';
import { BACKEND_ORDER } from './backend-names';
import { backendOrder, fallbackNotice, fallbackOrder, switchNotice } from './backend-policy';

describe('backendOrder', () => {
  it('gives every backend= value the same rule: the choice, then the backends after it', () => {
    expect(backendOrder('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(backendOrder('webgpu')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(backendOrder('webgl')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(backendOrder('wasm')).toEqual(['wasm', 'cpu']);
    expect(backendOrder('cpu')).toEqual(['cpu']);
    for (const b of BACKEND_ORDER) expect(backendOrder(b)).toEqual([b, ...fallbackOrder(b)]);
  });

  it('leaves a failed backend for the ones after it', () => {
    expect(fallbackOrder('webgpu')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(fallbackOrder('webgl')).toEqual(['wasm', 'cpu']);
    expect(fallbackOrder('cpu')).toEqual([]);
  });
});

describe('notices', () => {
  it('says nothing when the first backend of the order runs', () => {
    expect(fallbackNotice('auto', { backend: 'webgpu', fallbacks: [] })).toBeNull();
    expect(fallbackNotice('wasm', { backend: 'wasm', fallbacks: [] })).toBeNull();
  });

  it('names what failed, why, and what runs instead', () => {
    const outcome = { backend: 'wasm', fallbacks: [{ backend: 'webgl', error: 'no context' }] } as const;
    expect(fallbackNotice('webgl', outcome)).toBe('WebGL is not available here (WebGL: no context); using WebAssembly.');
    const auto = { backend: 'webgl', fallbacks: [{ backend: 'webgpu', error: 'WebGPU is not available (navigator.gpu missing)' }] } as const;
    expect(fallbackNotice('auto', auto)).toBe('WebGPU is not available here (WebGPU: WebGPU is not available (navigator.gpu missing)); using WebGL.');
    expect(switchNotice('webgl', 'WebGL context lost', 'wasm')).toBe('WebGL stopped working (WebGL context lost); switched to WebAssembly.');
  });
});
