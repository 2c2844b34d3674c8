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

describe('grouped conv + BN + activation fusion', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`'packed' folds BN and ReLU into the grouped conv; results match the unfused split path (${backend})`, async () => {
      await useBackend(backend);
      const graph = buildGraph('resnext50_32x4d', { size: 32 });
      const before = tf.memory().numTensors;
      const x = inputFromNCHW(hashInput([1, 3, 32, 32]), [1, 3, 32, 32]);
      const packed = createSeededModel(graph, 5, { groupConv: 'packed' });
      const split = createSeededModel(graph, 5, { groupConv: 'split' });
      const fusedBy = (m: typeof packed, capture: string[] = []) => {
        const fused = new Map<string, string>();
        const r = m.execute(x, { capture, onStep: (s) => s.fused.forEach((f) => fused.set(f, s.node)) });
        const out = Float32Array.from(r.output.dataSync());
        tf.dispose([r.output, ...r.captured.values()]);
        return { fused, out };
      };
      const p = fusedBy(packed);
      expect(p.fused.get('layer1.0.bn2')).toBe('layer1.0.conv2');
      expect(p.fused.get('layer1.0.relu2')).toBe('layer1.0.conv2');
      const s = fusedBy(split);
      expect(s.fused.has('layer1.0.bn2')).toBe(false); // split is several kernels: nothing to fold into
      const ref = split.execute(x, { fuse: false }).output;
      const r = Float32Array.from(ref.dataSync());
      const rel = (a: Float32Array) => Math.sqrt(a.reduce((acc, v, i) => acc + (v - r[i]) ** 2, 0) / r.reduce((acc, v) => acc + v * v, 0));
      expect(rel(p.out)).toBeLessThan(1e-5);
      // A captured conv output keeps its chain unfused; a captured BN output ends the chain there.
      const c = fusedBy(packed, ['layer2.0.conv2', 'layer3.0.bn2']);
      expect(c.fused.has('layer2.0.bn2')).toBe(false);
      expect(c.fused.get('layer3.0.bn2')).toBe('layer3.0.conv2');
      expect(c.fused.has('layer3.0.relu2')).toBe(false);
      expect(c.fused.get('layer1.0.bn2')).toBe('layer1.0.conv2');
      expect(rel(c.out)).toBeLessThan(1e-5);
      tf.dispose([x, ref]);
      packed.dispose();
      split.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
