/**
 * A knob-changed digits model trains for real (wasm, the trainer of /train): the graph the runtime
 * builds from the slot's knobs (modelCost(id, knobs), what runtime.ts createRun uses) takes steps,
 * frees every tensor on dispose, and its weights load into the network the lab builds from the
 * same knobs (the handoff link's query), and are refused, with the mismatched tensor named, by the
 * network as registered.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { stateDictKeys } from '@/lib/arch';
import { labGraph } from '@/lib/models/lab-graph';
import { labSchema, type LabState } from '@/lib/models/lab-schema';
import { useBackend } from '@/lib/runtime/testing/fixtures.node';
import { readWeightsFile } from '@/lib/runtime/weights/read-weights';
import { TrainingRun } from '@/lib/train/run';
import { bands } from '@/lib/train/testing/synthetic';
import type { TrainConfig } from '@/lib/train/types';
import { parseParams } from '@/lib/url-state/schema';
import { modelCost } from './knobs';
import { trainModelsOf, trainPageSchema } from './schema';

const CONFIG: TrainConfig = {
  optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: false, weightDecay: 0 },
  schedule: { kind: 'constant' },
  batchSize: 8,
  steps: 3,
  seed: 1,
  shuffle: true,
  dropout: true,
};
const train = bands(32, [1, 28, 28], 10, 1);

describe('a knob-changed model trains and goes to the lab as the same network', () => {
  it.each([
    [
      'densenet_digits',
      'densenet_digits.k=4&densenet_digits.blocks=1%2C1%2C1&densenet_digits.bn=2',
      'features.denseblock1.denselayer1.conv2.weight',
      [4, 8, 3, 3],
    ],
    ['resnext_digits', 'resnext_digits.C=4&resnext_digits.d=2&resnext_digits.layers=1', 'layer1.0.conv2.weight', [8, 2, 3, 3]],
    // torchvision's MNASNet stem: _round_to_multiple_of(32 · 0.25, 8) = 8 channels.
    ['mnasnet_digits', 'mnasnet_digits.alpha=0.25', 'layers.0.weight', [8, 1, 3, 3]],
    ['shufflenet_v2_digits', 'shufflenet_v2_digits.repeats=1%2C1%2C1&shufflenet_v2_digits.channels=8%2C16%2C32%2C64%2C64', 'conv5.0.weight', [64, 64, 1, 1]],
  ])(
    '%s with %s',
    async (id, query, key, shape) => {
      const { state } = parseParams(trainPageSchema, new URLSearchParams(`models=${id}&${query}`));
      const [model] = trainModelsOf(state.models, state).models;
      expect(model.knobs).not.toEqual({});
      const { graph } = modelCost(model.id, model.knobs);
      await useBackend('wasm');
      const baseline = tf.memory().numTensors;
      const run = TrainingRun.create({ graph, train, config: CONFIG, seed: CONFIG.seed });
      const reports = await run.run(CONFIG.steps, {});
      expect(reports.map((r) => Number.isFinite(r.loss))).toEqual([true, true, true]);
      const bytes = await run.toSafetensors();
      run.dispose();
      expect(tf.memory().numTensors).toBe(baseline);

      // Every tensor of the changed network, in torchvision keys, shaped by the knobs.
      const read = readWeightsFile(bytes, graph);
      if (!read.ok) throw new Error(read.issues[0].message);
      // (the reader keeps num_batches_tracked aside: the fused inference path has no use for it)
      expect([...read.sd.keys()]).toEqual(
        stateDictKeys(graph)
          .map((e) => e.key)
          .filter((k) => !k.endsWith('.num_batches_tracked')),
      );
      expect(read.sd.get(key)?.shape).toEqual(shape);

      // The lab, given the link's knobs, builds that same network and takes the weights.
      const lab = parseParams(labSchema(id), new URLSearchParams(model.labQuery));
      const built = labGraph(id, lab.state as LabState);
      if (!built.ok) throw new Error(built.error);
      expect(readWeightsFile(bytes, built.graph).ok).toBe(true);
      // The network as registered is another one: refused, naming what does not fit (no crash).
      const registered = readWeightsFile(bytes, modelCost(id).graph);
      expect(registered.ok).toBe(false);
      if (!registered.ok) expect(registered.issues[0].message).toMatch(/^shape mismatch for "[a-z0-9_.]+\.weight": expected \[[0-9, ]+\], got \[[0-9, ]+\]$/);
    },
    60_000,
  );
});
