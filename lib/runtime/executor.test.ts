/** Model.execute's onStep hook: one call per executed step, in graph order, fused chains once. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { inputFromNCHW } from './executor';
import { createSeededModel } from './index';
import { useBackend } from './testing/fixtures.node';
import { hashInput } from './weights/hash-init';

describe('execute onStep', () => {
  it('reports every node once, fused chains under their conv, and changes nothing', async () => {
    await useBackend('wasm');
    const graph = buildGraph('resnext50_32x4d', { size: 32 });
    const model = createSeededModel(graph, 3);
    const x = inputFromNCHW(hashInput([1, 3, 32, 32]), [1, 3, 32, 32]);
    const plain = model.predict(x);
    for (const fuse of [true, false]) {
      const seen: string[] = [];
      const fusedAway: string[] = [];
      const r = model.execute(x, {
        fuse,
        onStep: (s) => {
          expect(s.output.isDisposed).toBe(false);
          seen.push(s.node);
          fusedAway.push(...s.fused);
        },
      });
      // Every node is accounted for exactly once, in graph order.
      const order = graph.nodes.map((n) => n.name);
      expect([...seen, ...fusedAway].sort()).toEqual([...order].sort());
      expect(seen).toEqual(order.filter((n) => seen.includes(n)));
      if (fuse) expect(fusedAway.length).toBeGreaterThan(0);
      else expect(fusedAway).toEqual([]);
      // Fused: bit-identical to predict(); unfused: within float32 round-off of it.
      const [a, b] = [r.output.dataSync(), plain.dataSync()];
      if (fuse) expect(a).toEqual(b);
      else for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4 * (1 + Math.abs(b[i])));
      r.output.dispose();
    }
    tf.dispose([x, plain]);
    model.dispose();
  });
});
