/**
 * tfjs jobs in Node (webgpu and webgl cannot start here; wasm and cpu can): the backend policy for
 * every backend= value, jobs that never interleave their backends, the one cancellation error, and
 * the tensor check back at its baseline after jobs, failures and cancels.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { ensureBackend, forgetBackends } from './active-backend';
import type { BackendChoice, BackendName } from './backend-names';
import { fallbackNotice } from './backend-policy';
import { CancelledError, isCancelled } from './cancel';
import { createSeededModel } from './index';
import { runTfjsJob } from './job';
import { leaked, numTensors, type TensorCheck } from './tensors';
import { randomInput, timeForward } from './timing';

afterEach(() => forgetBackends());

describe('backend policy in Node', () => {
  const expected: Record<BackendChoice, { backend: BackendName; failed: BackendName[] }> = {
    auto: { backend: 'wasm', failed: ['webgpu', 'webgl'] },
    webgpu: { backend: 'wasm', failed: ['webgpu', 'webgl'] },
    webgl: { backend: 'wasm', failed: ['webgl'] },
    wasm: { backend: 'wasm', failed: [] },
    cpu: { backend: 'cpu', failed: [] },
  };
  for (const [choice, want] of Object.entries(expected) as [BackendChoice, (typeof expected)[BackendChoice]][]) {
    it(`backend=${choice} runs on ${want.backend}`, async () => {
      const info = await runTfjsJob({ backend: choice }, async (ctx) => {
        expect(tf.getBackend()).toBe(want.backend);
        return ctx.backend;
      });
      expect(info.backend).toBe(want.backend);
      expect(info.fallbacks.map((f) => f.backend)).toEqual(want.failed);
      const notice = fallbackNotice(choice, info);
      if (want.failed.length)
        expect(notice).toMatch(new RegExp(`^\\w+ is not available here \\(.+\\); using ${want.backend === 'wasm' ? 'WebAssembly' : 'CPU'}`));
      else expect(notice).toBeNull();
    });
  }

  it('a strict request fails instead of falling back', async () => {
    await expect(runTfjsJob({ backend: 'webgl', strict: true }, async () => 1)).rejects.toThrow(/no tfjs backend.*webgl/);
  });

  it('a later job for the same choice switches back without starting the backend again', async () => {
    const first = await ensureBackend('webgl');
    await ensureBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    const again = await ensureBackend('webgl');
    expect(again).toBe(first);
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('the page-wide queue', () => {
  it('jobs of different widgets on different backends never interleave', async () => {
    const log: string[] = [];
    const job = (name: string, backend: BackendChoice) =>
      runTfjsJob({ backend }, async (ctx) => {
        log.push(`${name}:start:${tf.getBackend()}`);
        for (let i = 0; i < 3; i++) {
          await new Promise((r) => setTimeout(r, 2));
          // Another widget's job, queued meanwhile, must not have switched the backend under this one.
          expect(tf.getBackend()).toBe(ctx.backend.backend);
          tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(i)));
        }
        log.push(`${name}:end`);
      });
    await Promise.all([job('a', 'cpu'), job('b', 'wasm'), job('c', 'cpu')]);
    expect(log).toEqual(['a:start:cpu', 'a:end', 'b:start:wasm', 'b:end', 'c:start:cpu', 'c:end']);
  });
});

describe('cancellation and the tensor check', () => {
  const graph = buildGraph('mnasnet0_5', { size: 32 });

  /** A job like every widget's: model and input made inside, freed in finally. */
  const timingJob = (signal: AbortSignal | undefined, onPass: (i: number) => void, checks: TensorCheck[]) =>
    runTfjsJob({ backend: 'wasm', signal, onTensors: (c) => checks.push(c) }, async (ctx) => {
      const model = createSeededModel(graph, 0);
      const x = randomInput(32, 3);
      try {
        return await timeForward(model, x, { warmup: 1, repeats: 4 }, { signal: ctx.signal, onPass });
      } finally {
        x.dispose();
        model.dispose();
      }
    });

  it('a finished job is back at its baseline, and the check catches a job that leaks', async () => {
    const checks: TensorCheck[] = [];
    const samples = await timingJob(undefined, () => undefined, checks);
    expect(samples).toHaveLength(4);
    expect(checks).toHaveLength(1);
    expect(leaked(checks[0])).toBe(0);
    expect(numTensors()).toBe(checks[0].before);

    let kept: tf.Tensor | null = null;
    const leaky: TensorCheck[] = [];
    await runTfjsJob({ backend: 'wasm', onTensors: (c) => leaky.push(c) }, async () => {
      kept = tf.ones([2, 2]);
    });
    expect(leaked(leaky[0])).toBe(1);
    (kept as tf.Tensor | null)?.dispose();
  });

  it('a cancel during a job rejects with CancelledError after every tensor was freed', async () => {
    const ctrl = new AbortController();
    const checks: TensorCheck[] = [];
    const baseline = numTensors();
    const err = await timingJob(ctrl.signal, (i) => i === 2 && ctrl.abort(), checks).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(isCancelled(err)).toBe(true);
    expect(checks).toHaveLength(1);
    expect(leaked(checks[0])).toBe(0);
    expect(numTensors()).toBe(baseline);
  });

  it('a job cancelled while it waits rejects at once and never starts', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = runTfjsJob({ backend: 'cpu' }, () => gate);
    const ctrl = new AbortController();
    let started = false;
    const waiting = runTfjsJob({ backend: 'wasm', signal: ctrl.signal }, async () => {
      started = true;
    });
    ctrl.abort();
    await expect(waiting).rejects.toSatisfy(isCancelled);
    release();
    await running;
    await runTfjsJob({ backend: 'cpu' }, async () => undefined); // the queue has moved past it
    expect(started).toBe(false);
  });

  it('a failing job frees what it made and the next job runs', async () => {
    const checks: TensorCheck[] = [];
    const failing = runTfjsJob({ backend: 'wasm', onTensors: (c) => checks.push(c) }, async () => {
      const t = tf.ones([4]);
      try {
        throw new Error('shader did not compile');
      } finally {
        t.dispose();
      }
    });
    await expect(failing).rejects.toThrow('shader did not compile');
    expect(leaked(checks[0])).toBe(0);
    await expect(runTfjsJob({ backend: 'wasm' }, async () => 'ok')).resolves.toBe('ok');
  });
});
