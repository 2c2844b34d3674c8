/**
 * The step profiler: its arithmetic on a fake clock (the steps tile the pass; their sum is the pass
 * minus the measured overhead), the clock's resolution and how short steps are resolved (more
 * in-place samples, their mean, interruptions dropped), and on wasm: every node in exactly one
 * step, fusion visible as steps that cover their BN and ReLU, short steps resolved by extra passes,
 * tensors back to baseline.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { Model, inputFromNCHW } from './executor';
import { profileModel } from './profiler';
import {
  MIN_TICKS,
  SETTLED_WITHIN,
  type StepHook,
  clockResolution,
  isResolved,
  middleHalf,
  passSpread,
  stepTimes,
  traceWallPass,
  typicalOf,
  typicalUncertainty,
} from './step-timer';
import { useBackend } from './testing/fixtures.node';
import { heInit } from './weights/he-init';
import { hashInput } from './weights/hash-init';

/** A clock the fake pass advances by hand. */
function fakeClock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/**
 * A fake executor: `costs` per step (ms the kernel takes), `between` ms of bookkeeping after each
 * step (freeing inputs), `before` and `after` the first and last step (planning, read-back).
 */
function fakePass(clock: ReturnType<typeof fakeClock>, costs: Record<string, number>, o: { before: number; between: number; after: number }) {
  return (onStep: StepHook) => {
    clock.advance(o.before);
    for (const [node, ms] of Object.entries(costs)) {
      clock.advance(ms);
      onStep({ node, fused: node === 'conv' ? ['bn', 'relu'] : [] });
      clock.advance(o.between);
    }
    clock.advance(o.after);
  };
}

describe('step timing on a fake clock', () => {
  const costs = { conv: 5, add: 0.25, pool: 2 };

  it('the steps tile the pass: their sum is the pass minus the measured overhead', () => {
    const c = fakeClock();
    const t = traceWallPass(c.now, fakePass(c, costs, { before: 0.5, between: 0.125, after: 3 }));
    // Each interval is the kernel plus the bookkeeping before it (the previous step's freeing).
    expect(t.steps.map((s) => s.ms)).toEqual([0.5 + 5, 0.125 + 0.25, 0.125 + 2]);
    expect(t.passMs).toBe(0.5 + 5 + 0.25 + 2 + 3 * 0.125 + 3);
    expect(t.intervalSumMs).toBe(t.passMs - t.overheadMs);
    // What lies outside every step: the last step's bookkeeping and the read-back.
    expect(t.overheadMs).toBe(0.125 + 3);
    expect(t.steps[0].fused).toEqual(['bn', 'relu']);
  });

  it('measures the clock resolution', () => {
    // A clock that moves in 0.1 ms ticks, like a page without cross-origin isolation.
    let calls = 0;
    const coarse = () => Math.floor(calls++ / 7) * 0.1;
    expect(clockResolution(coarse)).toBeCloseTo(0.1, 9);
  });

  it('short steps are resolved by more passes: their samples together span MIN_TICKS ticks', () => {
    const res = 0.1;
    expect(isResolved([2.5, 2.4, 2.6], res)).toBe(true);
    // A 0.03 ms step read by a 0.1 ms clock: 0 or 0.1, 0.1 about 30 % of the time.
    const readings = Array.from({ length: 100 }, (_, i) => (i % 10 < 3 ? 0.1 : 0));
    expect(isResolved(readings.slice(0, 3), res)).toBe(false);
    expect(isResolved(readings.slice(0, 50), res)).toBe(false); // 1.5 ms: 15 ticks
    expect(isResolved(readings, res)).toBe(true); // 3 ms: 30 ticks
    expect(isResolved(Array(MIN_TICKS).fill(0.1), res)).toBe(true);
  });

  it('step times are means over the middle half of the passes, so they add up to a typical pass', () => {
    // Three steps; an interruption lands on a different step in each pass (a GC, another process).
    const passes = [
      [1.0, 0.1, 2.0], // 3.1: the fastest pass, set aside
      [1.4, 0.1, 2.0], // 3.5
      [1.0, 0.5, 2.0], // 3.5
      [1.0, 0.1, 2.5], // 3.6
      [9.0, 0.1, 2.0], // 11.1: interrupted for 8 ms, set aside
    ];
    const t = stepTimes(passes);
    expect(t.kept).toEqual([1, 2, 3]);
    expect(t.ms[0]).toBeCloseTo(3.4 / 3, 12);
    expect(t.ms[1]).toBeCloseTo(0.7 / 3, 12);
    expect(t.ms[2]).toBeCloseTo(6.5 / 3, 12);
    // The sum is exactly the mean of the kept passes, close to the median pass...
    const sum = t.ms.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo((3.5 + 3.5 + 3.6) / 3, 12);
    // ...where per-step medians drop every interruption: their sum is the one pass that had none.
    expect(1.0 + 0.1 + 2.0).toBeLessThan(sum - 0.4);
    expect(stepTimes(passes.slice(0, 3)).kept).toEqual([0, 1, 2]);
    // A 0.03 ms step read by a 0.1 ms clock (0 or 0.1) beside a step whose time varies more: its mean is right.
    const short = stepTimes(Array.from({ length: 100 }, (_, i) => [5 + ((i * 37) % 11) * 0.1, i % 10 < 3 ? 0.1 : 0]));
    expect(short.ms[1]).toBeCloseTo(0.03, 2);
  });
});

describe('the typical pass: one rule for the whole model and the layers', () => {
  // Passes with WASM threads on a 2-core machine (ms, shufflenet_v2_x1_0 at 112): a fast core and
  // a long right tail of passes that waited for a pool thread.
  const threaded = [3.3, 4.7, 4.7, 5.2, 5.4, 5.6, 6.7, 6.9, 7.9, 13.7, 22.2, 44.9, 51.5, 81.0, 90.6];

  it('keeps the middle half by value, in index order', () => {
    expect(middleHalf([9, 1, 5, 3, 7, 2, 8, 4])).toEqual([2, 3, 4, 7]); // 5, 3, 7, 4
    expect(middleHalf([2, 1, 3])).toEqual([0, 1, 2]); // fewer than 4: all
    expect(middleHalf([])).toEqual([]);
  });

  it('typicalOf is the mean of the middle half, and is what the step means add up to', () => {
    expect(typicalOf([1, 2, 3, 100])).toBeCloseTo(2.5, 12);
    // The same set of traced passes, split into steps: the step means sum to typicalOf the totals.
    const passes = threaded.map((t) => [0.25 * t, 0.75 * t]);
    const sum = stepTimes(passes).ms.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(typicalOf(threaded), 9);
    // A median of one set against a middle-half mean of another would not compare like with like here.
    expect(typicalOf(threaded)).toBeGreaterThan(1.3 * 6.9);
  });

  it('typicalUncertainty is the standard error of the kept mean relative to it', () => {
    expect(typicalUncertainty([5])).toBe(Infinity);
    expect(typicalUncertainty([5, 5, 5, 5, 5])).toBe(0);
    // Kept: 2, 3 (of 1..4): mean 2.5, sd 0.7071, se 0.5, relative 0.2.
    expect(typicalUncertainty([1, 2, 3, 4])).toBeCloseTo(0.2, 9);
    expect(typicalUncertainty(threaded)).toBeGreaterThan(SETTLED_WITHIN);
    expect(typicalUncertainty([100, 101, 99, 100.5, 99.5, 100])).toBeLessThan(SETTLED_WITHIN);
  });

  it('passSpread gives the fastest, quartiles and slowest', () => {
    expect(passSpread(threaded)).toEqual({ fastest: 3.3, q1: 5.4, q3: 44.9, slowest: 90.6 });
    expect(passSpread([2])).toEqual({ fastest: 2, q1: 2, q3: 2, slowest: 2 });
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
    expect(p.layers.every((l) => l.nodes[0] === l.name && l.samples.length >= 2 && l.timer === 'wall')).toBe(true);
    // Every step has the same number of samples: each came from a whole traced pass.
    expect(new Set(p.layers.map((l) => l.samples.length)).size).toBe(1);
    expect(p.clockResolutionMs).toBeCloseTo(0.1, 6);
    // Steps below MIN_TICKS ticks were measured by repeating the pass: more samples than the 2
    // recorded passes, estimated by their mean; none was dropped.
    expect(p.layers.every((l) => l.estimator === 'mean' && l.samples.length > 2)).toBe(true);
    expect(p.layers.every((l) => Number.isFinite(l.ms) && l.ms >= 0)).toBe(true);
    expect(p.tracePassMs).toBeGreaterThan(0);
    expect(p.overheadMs).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(p.relativeGap)).toBe(true);
    // The whole model is read by the layers' rule, over every plain pass (extra passes included).
    expect(p.wholeEstimator).toBe('middle-half mean');
    expect(p.wholeSamples.length).toBeGreaterThanOrEqual(2);
    expect(p.wholeMs).toBeCloseTo(typicalOf(p.wholeSamples), 9);
    expect(p.wholeSpread.fastest).toBe(Math.min(...p.wholeSamples));
    expect(p.wholeSpread.slowest).toBe(Math.max(...p.wholeSamples));
    expect(p.threads).toBe(1);
    x.dispose();
    model.dispose();
  });
});
