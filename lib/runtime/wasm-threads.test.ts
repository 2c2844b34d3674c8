import { describe, expect, it, vi } from 'vitest';
import { MAX_WASM_THREADS, type ThreadEnvironment, planThreads, threadOutcome, threadsLabel } from './wasm-threads';
import { reportCores, workerFactorySource } from './wasm-glue';

const isolated: ThreadEnvironment = { crossOriginIsolated: true, secureContext: true, sharedArrayBuffer: true, cores: 4, embeddedIn: null };

describe('planThreads: how many WASM threads a page gets, and why not more', () => {
  it('an isolated page: one thread per core, at most the glue pool allows', () => {
    expect(planThreads(isolated)).toEqual({ threads: 4, reason: 'isolated', notice: null });
    expect(planThreads({ ...isolated, cores: 32 })).toMatchObject({ threads: MAX_WASM_THREADS, reason: 'isolated' });
    expect(planThreads({ ...isolated, cores: 1 })).toEqual({ threads: 1, reason: 'one-core', notice: null });
    // A browser that does not report its cores: one.
    expect(planThreads({ ...isolated, cores: 0 })).toMatchObject({ threads: 1, reason: 'one-core' });
  });

  it('an isolated embed (inside an isolated host that delegates isolation) gets threads too', () => {
    expect(planThreads({ ...isolated, embeddedIn: 'https://lms.example.edu' })).toMatchObject({ threads: 4, reason: 'isolated' });
  });

  it('an embed in a host that is not isolated: one thread, and the sentence names the host', () => {
    const p = planThreads({ ...isolated, crossOriginIsolated: false, sharedArrayBuffer: false, embeddedIn: 'https://lms.example.edu' });
    expect(p).toEqual({
      threads: 1,
      reason: 'embedded',
      notice: 'One thread: this page is not cross-origin isolated (embedded in https://lms.example.edu); threads need COOP/COEP.',
    });
    // The browser did not say which page frames it.
    expect(planThreads({ ...isolated, crossOriginIsolated: false, embeddedIn: '' }).notice).toContain('(embedded in another page)');
  });

  it('a top-level page without the headers, or without HTTPS', () => {
    const noHeaders = planThreads({ ...isolated, crossOriginIsolated: false, sharedArrayBuffer: false });
    expect(noHeaders).toEqual({
      threads: 1,
      reason: 'not-isolated',
      notice: 'One thread: this page is not cross-origin isolated (its server sent no COOP/COEP headers); threads need COOP/COEP.',
    });
    expect(planThreads({ ...isolated, crossOriginIsolated: false, secureContext: false })).toMatchObject({
      threads: 1,
      reason: 'insecure',
      notice: expect.stringMatching(/not served over HTTPS\); threads need HTTPS and COOP\/COEP\.$/),
    });
  });

  it('isolated, but no shared memory in this browser', () => {
    expect(planThreads({ ...isolated, sharedArrayBuffer: false })).toMatchObject({
      threads: 1,
      reason: 'no-shared-memory',
      notice: expect.stringContaining('shared memory'),
    });
  });

  it('outside a browser: one thread, nothing to tell', () => {
    expect(planThreads(null)).toEqual({ threads: 1, reason: 'not-a-browser', notice: null });
    expect(planThreads(null, 4)).toMatchObject({ threads: 1 });
  });

  it('a requested count (the benchmark) is honoured where threads are possible, and validated', () => {
    expect(planThreads(isolated, 2)).toEqual({ threads: 2, reason: 'requested', notice: null });
    expect(planThreads({ ...isolated, cores: 1 }, 3)).toMatchObject({ threads: 3, reason: 'requested' });
    expect(planThreads(isolated, 1)).toMatchObject({ threads: 1, reason: 'requested' });
    // Not isolated: the request cannot be met, and the reader is told why.
    expect(planThreads({ ...isolated, crossOriginIsolated: false }, 2)).toMatchObject({ threads: 1, reason: 'not-isolated' });
    for (const bad of [0, -1, 1.5, MAX_WASM_THREADS + 1, Number.NaN]) expect(() => planThreads(isolated, bad), String(bad)).toThrow(/whole number from 1 to 8/);
  });
});

describe('threadOutcome: what the backend ended up with', () => {
  const plan = planThreads(isolated);
  it('the plan, when tfjs started as many threads as asked', () => {
    expect(threadOutcome(plan, 4)).toEqual({ count: 4, reason: 'isolated', notice: null });
    const embedded = planThreads({ ...isolated, crossOriginIsolated: false, embeddedIn: 'https://x.example' });
    expect(threadOutcome(embedded, 1)).toEqual({ count: 1, reason: 'embedded', notice: embedded.notice });
  });
  it('fewer threads than planned (tfjs found no WebAssembly threads): says so', () => {
    expect(threadOutcome(plan, 1)).toMatchObject({ count: 1, reason: 'no-shared-memory', notice: expect.stringMatching(/^One thread: .*asked for \(4\)\.$/) });
  });
  it('a threaded start that timed out or failed: one thread, and why', () => {
    expect(threadOutcome(plan, 4, 'within 20 s')).toEqual({
      count: 1,
      reason: 'failed',
      notice: 'One thread: the 4 WebAssembly threads did not start within 20 s, so the page uses the single-threaded backend.',
    });
    expect(threadOutcome(plan, 4, 'at all').notice).toContain('did not start at all');
  });
  it('labels', () => {
    expect(threadsLabel(1)).toBe('single thread');
    expect(threadsLabel(2)).toBe('2 threads');
  });
});

describe('workerFactorySource: what the threaded workers evaluate instead of the minified factory', () => {
  it('imports the published glue from an absolute URL and evaluates to its factory', () => {
    const src = workerFactorySource('https://layerwise.example/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js');
    expect(src).toBe('(importScripts("https://layerwise.example/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js"), WasmBackendModuleThreadedSimd)');
    // What tfjs builds from it, run in a stand-in for the worker's global scope: the factory the glue defines.
    const scope: Record<string, unknown> = {};
    const importScripts = (url: string) => {
      expect(url).toMatch(/^https:\/\//);
      scope.WasmBackendModuleThreadedSimd = (m: object) => ({ ...m, started: true });
    };
    const run = new Function('importScripts', 'scope', `with (scope) { return ${src}; }`) as (i: typeof importScripts, s: object) => (m: object) => object;
    expect(run(importScripts, scope)({ a: 1 })).toEqual({ a: 1, started: true });
  });
  it('refuses a relative URL (it would not resolve against the blob: worker)', () => {
    expect(() => workerFactorySource('/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js')).toThrow(/absolute/);
  });
});

describe('reportCores: tfjs caps its pool at half the cores it is told of', () => {
  it('reports twice the threads while the backend starts, then the page’s own value again', () => {
    const proto = {
      get hardwareConcurrency() {
        return 2;
      },
    };
    const nav = Object.create(proto) as { hardwareConcurrency: number };
    vi.stubGlobal('navigator', nav);
    try {
      const restore = reportCores(2);
      // tfjs' backend.cc: min(count, emscripten_num_logical_cores() / 2) = min(2, 4 / 2) = 2.
      expect(nav.hardwareConcurrency).toBe(4);
      restore();
      expect(nav.hardwareConcurrency).toBe(2);
      expect(Object.getOwnPropertyNames(nav)).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
