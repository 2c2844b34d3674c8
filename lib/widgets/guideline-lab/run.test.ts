import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { isCancelled } from '@/lib/runtime/cancel';
import { runGuideline } from './run';

// The tfjs side of the lab, on the WebAssembly backend at the reduced size (the browser runs the same code).
describe('runGuideline', () => {
  it('times every row, picks a grouped-conv strategy for group rows, and frees everything', async () => {
    const progress: number[] = [];
    let before = -1;
    const run = await runGuideline({
      guideline: 'g2',
      platform: 'arm',
      width: 0,
      reduced: true,
      backend: 'wasm',
      onStart: (info, n) => {
        expect(info.backend).toBe('wasm');
        before = n;
      },
      onProgress: (done) => progress.push(done),
    });
    expect(run.rows).toHaveLength(4);
    expect(run.size).toBe(28);
    for (const r of run.rows) expect(r.ms).toBeGreaterThan(0);
    expect(run.rows[0].strategy).toBeUndefined();
    for (const r of run.rows.slice(1)) expect(r.strategy).toBeTruthy();
    expect(Math.max(...progress)).toBe(4 * (1 + 3));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a cancel stops the run and leaves no tensors behind', async () => {
    const ctrl = new AbortController();
    let before = -1;
    const p = runGuideline({
      guideline: 'g1',
      platform: 'arm',
      width: 0,
      reduced: true,
      backend: 'wasm',
      signal: ctrl.signal,
      onStart: (_, n) => (before = n),
      onProgress: (done) => done === 3 && ctrl.abort(),
    });
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCancelled(err)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('strategiesFor', () => {
  it('leaves out strategies whose cost explodes for the shapes', async () => {
    const { buildBenchmark } = await import('./benchmarks');
    const { strategiesFor } = await import('./run');
    const g8 = buildBenchmark('g2', 3, 'gpu', 0); // c = 360, g = 8 at 56×56
    expect(strategiesFor(g8)).not.toContain('blockdiag');
    expect(strategiesFor(g8)).not.toContain('depthwise');
    expect(strategiesFor(g8)).toContain('split');
    expect(strategiesFor(buildBenchmark('g2', 1, 'arm', 0))).toContain('blockdiag');
  });
});
