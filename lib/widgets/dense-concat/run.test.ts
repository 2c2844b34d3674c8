import { describe, expect, it } from 'vitest';
import { reuseNodes } from '@/lib/widgets/dense-reuse/block';
import { concatBlockGraph, shapeOfKnobs, smoothInput } from './block';
import { runningBytes } from './bytes';
import { fillShared, runDenseConcat } from './run';

// The code the page runs, on the tfjs cpu backend in Node.
describe('the dense block in TensorFlow.js, naive and shared', () => {
  const knobs = { L: 4, k: 3, k0: 5, size: 16 };

  it('grows the state by k channels per layer, and both implementations hold the same numbers', async () => {
    const r = await runDenseConcat({ ...knobs, seed: 3, backend: 'cpu' });
    expect(r.backend.backend).toBe('cpu');
    const hw = 256;
    expect(r.states.map((s) => s.length / hw)).toEqual([5, 8, 11, 14, 17]);
    // Each state starts with the one before it (the concatenation keeps every earlier channel)…
    for (let l = 1; l < r.states.length; l++) expect(r.states[l].subarray(0, r.states[l - 1].length)).toEqual(r.states[l - 1]);
    // …and adds k channels that are not all zero (the layer computed something).
    expect(Math.max(...r.states[4].subarray(14 * hw).map(Math.abs))).toBeGreaterThan(1e-3);
    // The shared storage, written one slot per step, equals the naive state at every step.
    expect(r.maxDiff).toEqual([0, 0, 0, 0, 0]);
    expect(r.shared).toEqual(r.states[4]);
    // Bytes measured on the real tensors equal the arithmetic of bytes.ts.
    const rows = runningBytes(shapeOfKnobs(knobs));
    expect(r.naiveWritten).toEqual(rows.map((x) => x.naiveStep));
    expect(r.sharedWritten).toEqual(rows.map((x) => x.sharedStep));
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
  });

  it('reads back exactly the spec’s concat nodes, one per layer', () => {
    const g = concatBlockGraph(knobs);
    const concats = g.nodes.filter((n) => n.op.kind === 'concat').map((n) => n.name);
    expect(reuseNodes(g).reads.slice(1)).toEqual(concats);
    expect(concats).toHaveLength(knobs.L);
  });

  it('the agreement check catches a state that is not the shared storage’s prefix', () => {
    const shape = shapeOfKnobs({ L: 2, k: 1, k0: 2, size: 2 });
    const x0 = smoothInput(2, 2, 2, 1);
    const s1 = new Float32Array([...x0, 1, 2, 3, 4]);
    const s2 = new Float32Array([...s1, 5, 6, 7, 8]);
    expect(fillShared([x0, s1, s2], shape).maxDiff).toEqual([0, 0, 0]);
    // A layer that rewrote an earlier channel: the shared storage never sees it.
    const bad = s2.slice();
    bad[0] += 1;
    expect(fillShared([x0, s1, bad], shape).maxDiff[2]).toBeCloseTo(1, 6);
  });
});
