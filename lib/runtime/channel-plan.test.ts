/**
 * The fast paths of the plain forward pass (plan.ts): channel steps (one copy for concat /
 * shuffle / slice runs) and affine steps (BN + activation as one kernel) are exact: bit-identical
 * copies, the same values as the op chains they replace, every node in exactly one step.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { findChannelSteps } from './channel-plan';
import { inputFromNCHW } from './executor';
import { createSeededModel } from './index';
import { channelGather, concatMap, shuffleMap, sliceMap } from './ops/channel-gather';
import { channelShuffle, concatChannels, sliceChannels } from './ops/channels';
import { useBackend } from './testing/fixtures.node';
import { hashInput, hashU } from './weights/hash-init';

const rand = (shape: [number, number, number, number], salt: number) =>
  tf.tensor4d(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => hashU(salt, i) * 2 - 1),
    shape,
  );

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`channel gather on ${backend}`, () => {
    it('concat -> shuffle -> split in one copy equals the three tfjs ops, bit for bit', async () => {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      // Odd widths and 3 inputs: runs of 1, of a few and of more than LONG_RUN channels.
      const xs = [rand([1, 3, 5, 6], 1), rand([1, 3, 5, 100], 2), rand([1, 3, 5, 14], 3)];
      const cat = concatMap([6, 100, 14]);
      const shuffled = shuffleMap(cat, 2);
      const g = channelGather([cat, sliceMap(shuffled, 0, 60), sliceMap(shuffled, 60, 60), sliceMap(cat, 3, 105)]);
      const got = g.run(xs);
      const ref = tf.tidy(() => {
        const c = concatChannels(xs);
        const s = channelShuffle(c as tf.Tensor4D, 2);
        return [c, sliceChannels(s, 0, 60), sliceChannels(s, 60, 60), sliceChannels(c, 3, 105)];
      });
      expect(got.map((t) => t.shape)).toEqual(ref.map((t) => t.shape));
      got.forEach((t, i) => expect(Array.from(t.dataSync())).toEqual(Array.from(ref[i].dataSync())));
      tf.dispose([...xs, ...got, ...ref]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}

describe('channel steps', () => {
  it("ShuffleNet v2: a unit's concat, shuffle and the next unit's split are one step writing the two halves", () => {
    const graph = buildGraph('shufflenet_v2_x1_0', { size: 64 });
    const steps = findChannelSteps(graph, new Set());
    const s = steps.get('stage2.0.concat')!;
    expect(s.inputs).toEqual(['stage2.0.branch1.4', 'stage2.0.branch2.7']);
    expect(s.outputs).toEqual(['stage2.1.split.0', 'stage2.1.split.1']);
    expect(s.fused).toEqual(['stage2.0.shuffle', 'stage2.1.split.0', 'stage2.1.split.1']);
    // The last unit of a stage hands the shuffled map to the next stage's two branches.
    expect(steps.get('stage2.3.concat')!.outputs).toEqual(['stage2.3.shuffle']);
    // A captured shuffle output stops the chain there; the split then reads it.
    const c = findChannelSteps(graph, new Set(['stage2.0.shuffle']));
    expect(c.get('stage2.0.concat')!.outputs).toEqual(['stage2.0.shuffle']);
    expect(c.get('stage2.1.split.0')!.inputs).toEqual(['stage2.0.shuffle']);
  });

  it("DenseNet: each layer's concatenation extends the previous layer's instead of copying every piece", () => {
    const graph = buildGraph('densenet121', { size: 64 });
    const steps = findChannelSteps(graph, new Set());
    const b = 'features.denseblock1';
    expect(steps.get(`${b}.denselayer2.concat`)!.inputs).toEqual(['features.pool0', `${b}.denselayer1.conv2`]);
    expect(steps.get(`${b}.denselayer3.concat`)!.inputs).toEqual([`${b}.denselayer2.concat`, `${b}.denselayer2.conv2`]);
    expect(steps.get(`${b}.concat`)!.inputs).toEqual([`${b}.denselayer6.concat`, `${b}.denselayer6.conv2`]);
  });

  for (const id of ['shufflenet_v2_x0_5', 'densenet121'] as const) {
    it(`${id} on wasm: the fast plan covers every node once, equals the unfused pass, and frees everything`, async () => {
      await useBackend('wasm');
      const graph = buildGraph(id, { size: 32 });
      const before = tf.memory().numTensors;
      const model = createSeededModel(graph, 7);
      const x = inputFromNCHW(hashInput([1, 3, 32, 32]), [1, 3, 32, 32]);
      const seen: string[] = [];
      const kinds = new Map<string, number>();
      const r = model.execute(x, {
        onStep: (s) => {
          seen.push(s.node, ...s.fused);
          const k = graph.nodes.find((n) => n.name === s.node)!.op.kind;
          kinds.set(k, (kinds.get(k) ?? 0) + 1);
        },
      });
      expect([...seen].sort()).toEqual(graph.nodes.map((n) => n.name).sort());
      // DenseNet's norm1 -> relu1 run as one step under the BN; ShuffleNet's split is folded away.
      if (id === 'densenet121') expect(seen.indexOf('features.denseblock1.denselayer1.relu1')).toBe(seen.indexOf('features.denseblock1.denselayer1.norm1') + 1);
      else expect(kinds.get('slice')).toBeUndefined();
      const ref = model.execute(x, { fuse: false }).output;
      const [a, b] = [r.output.dataSync(), ref.dataSync()];
      const rel = (u: ArrayLike<number>) => {
        let num = 0;
        let den = 0;
        for (let i = 0; i < u.length; i++) {
          num += (u[i] - b[i]) ** 2;
          den += b[i] ** 2;
        }
        return Math.sqrt(num / den);
      };
      expect(rel(a)).toBeLessThan(1e-5);
      // Every node captured: every value observable (nothing fused away), the same logits.
      const all = model.execute(x, { capture: 'all' });
      expect(all.captured.size).toBe(graph.nodes.length);
      expect(rel(all.output.dataSync())).toBeLessThan(1e-5);
      tf.dispose([x, r.output, ref, all.output, ...all.captured.values()]);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
