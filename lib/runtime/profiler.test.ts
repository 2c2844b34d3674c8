/**
 * The step profiler: its arithmetic on a fake clock (the steps tile the pass; the sum is the pass
 * minus the measured overhead; repeated steps are averaged and taken out of the pass), the clock's
 * resolution and the repeat plan, and on wasm: every node in exactly one step, fusion visible as
 * steps that cover their BN and ReLU, short steps repeated, tensors back to baseline.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { Model, inputFromNCHW } from './executor';
import { profileModel } from './profiler';
import { MAX_REPEATS, MIN_TICKS, type StepHooks, clockResolution, repeatsFor, traceWallPass } from './step-timer';
import { useBackend } from './testing/fixtures.node';
import { heInit } from './weights/he-init';
import { hashInput } from './weights/hash-init';

/** A clock the fake pass advances by hand. */
function fakeClock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

interface FakeOut {
  dispose(): void;
}

/**
 * A fake executor: `costs` per step (ms the kernel takes), `between` ms of bookkeeping after each
 * step (freeing inputs), `before` and `after` the first and last step (planning, read-back).
 */
function fakePass(clock: ReturnType<typeof fakeClock>, costs: Record<string, number>, o: { before: number; between: number; after: number }) {
  const runs: string[] = [];
  const pass = (hooks: StepHooks<FakeOut>) => {
    clock.advance(o.before);
    for (const [node, ms] of Object.entries(costs)) {
      const y = hooks.wrapStep(node, node === 'conv' ? ['bn', 'relu'] : [], () => {
        runs.push(node);
        clock.advance(ms);
        return { dispose: () => undefined };
      });
      hooks.onStep({ node, fused: node === 'conv' ? ['bn', 'relu'] : [] });
      void y;
      clock.advance(o.between);
    }
    clock.advance(o.after);
  };
  return { pass, runs };
}

describe('step timing on a fake clock', () => {
  const costs = { conv: 5, add: 0.25, pool: 2 };

  it('the steps tile the pass: their sum is the pass minus the measured overhead', () => {
    const c = fakeClock();
    const { pass } = fakePass(c, costs, { before: 0.5, between: 0.125, after: 3 });
    const t = traceWallPass(c.now, pass);
    // Each interval is the kernel plus the bookkeeping before it (the previous step's freeing).
    expect(t.steps.map((s) => s.intervalMs)).toEqual([0.5 + 5, 0.125 + 0.25, 0.125 + 2]);
    expect(t.steps.map((s) => s.repeats)).toEqual([0, 0, 0]);
    expect(t.passMs).toBe(0.5 + 5 + 0.25 + 2 + 3 * 0.125 + 3);
    expect(t.intervalSumMs).toBe(t.passMs - t.overheadMs);
    // What lies outside every step: the last step's bookkeeping and the read-back.
    expect(t.overheadMs).toBe(0.125 + 3);
    expect(t.steps[0].fused).toEqual(['bn', 'relu']);
  });

  it('repeats a short step back to back, reports the mean, and keeps the repeats out of the pass', () => {
    const c = fakeClock();
    const { pass, runs } = fakePass(c, costs, { before: 0, between: 0, after: 1 });
    const t = traceWallPass(c.now, pass, (node) => (node === 'add' ? 40 : 0));
    expect(runs.filter((r) => r === 'add')).toHaveLength(41);
    const add = t.steps[1];
    expect(add.repeats).toBe(40);
    expect(add.ms).toBeCloseTo(0.25, 12);
    expect(add.intervalMs).toBeCloseTo(0.25, 12);
    // The 40 extra runs (10 ms) are in neither the pass nor the next step.
    expect(t.passMs).toBeCloseTo(5 + 0.25 + 2 + 1, 12);
    expect(t.steps[2].intervalMs).toBeCloseTo(2, 12);
  });

  it('measures the clock resolution and plans repeats to span MIN_TICKS ticks', () => {
    // A clock that moves in 0.1 ms ticks, like a page without cross-origin isolation.
    let calls = 0;
    const coarse = () => Math.floor(calls++ / 7) * 0.1;
    expect(clockResolution(coarse)).toBeCloseTo(0.1, 9);
    expect(repeatsFor(5, 0.1)).toBe(0); // 50 ticks
    expect(repeatsFor(MIN_TICKS * 0.1, 0.1)).toBe(0);
    expect(repeatsFor(0.5, 0.1)).toBe(4); // 4 × 0.5 ms = 20 ticks
    expect(repeatsFor(0, 0.1)).toBe(MIN_TICKS * 4); // below one tick: a quarter tick each
    expect(repeatsFor(1e-9, 1)).toBe(MIN_TICKS * 4);
    expect(repeatsFor(0, 10)).toBeLessThanOrEqual(MAX_REPEATS);
  });
});

describe('profileModel on wasm', () => {
  it('times every step of the fused forward: each node in exactly one step, tensors back to baseline', async () => {
    await useBackend('wasm');
    const graph = buildGraph('shufflenet_v2_x0_5', { size: 64 });
    const model = Model.create(graph, heInit(graph, 1));
    const x = inputFromNCHW(hashInput([1, 3, 64, 64]), [1, 3, 64, 64]);
    model.predict(x).dispose();
    const before = tf.memory().numTensors;
    // A clock as coarse as a browser's (0.1 ms), so short steps must be repeated to be resolved.
    const coarse = () => Math.floor(performance.now() * 10) / 10;
    const p = await profileModel(model, x, { warmup: 1, repeats: 2, clock: coarse });
    expect(tf.memory().numTensors).toBe(before);

    const covered = p.layers.flatMap((l) => l.nodes);
    expect(new Set(covered).size).toBe(covered.length);
    expect([...covered].sort()).toEqual(graph.nodes.map((n) => n.name).sort());
    // The steps are the executor's: conv → BN → ReLU chains are one step under the conv's name.
    const fusedConv = p.layers.find((l) => l.name === 'conv1.0')!;
    expect(fusedConv.nodes).toEqual(['conv1.0', 'conv1.1', 'conv1.2']);
    expect(p.layers.every((l) => l.nodes[0] === l.name && l.samples.length === 2 && l.timer === 'wall')).toBe(true);
    expect(p.clockResolutionMs).toBeCloseTo(0.1, 6);
    // Steps below MIN_TICKS ticks were repeated, none was dropped: every one has a time.
    expect(p.layers.some((l) => l.repeats > 0)).toBe(true);
    expect(p.layers.every((l) => Number.isFinite(l.ms) && l.ms >= 0)).toBe(true);
    expect(p.layers.filter((l) => l.repeats > 0).every((l) => l.ms > 0)).toBe(true);
    expect(p.tracePassMs).toBeGreaterThan(0);
    expect(p.overheadMs).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(p.relativeGap)).toBe(true);
    x.dispose();
    model.dispose();
  });
});
