/**
 * A trained .safetensors from TrainingRun.toSafetensors loads in PyTorch: Debian's torchvision
 * builds the digits model (scripts/py/digits_models.py), load_state_dict takes every key with
 * nothing missing or unexpected, in state_dict order, num_batches_tracked arrive as int64 with
 * the number of steps, and PyTorch's eval logits equal the site's fused inference path's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch/registry';
import { Model, inputFromNCHW } from '../runtime/executor';
import { useBackend } from '../runtime/testing/fixtures.node';
import { TrainingRun } from './run';
import { bands } from './testing/synthetic';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('trained weights in PyTorch', () => {
  it('load strictly into the torchvision-built digits model and give the same eval logits', { timeout: 120_000 }, async () => {
    const torch = spawnSync('/usr/bin/python3', ['-c', 'import torch, torchvision'], { encoding: 'utf8' }).status === 0;
    expect(torch, "Debian's torchvision is needed: sudo apt-get install -y python3-torchvision").toBe(true);
    await useBackend('wasm');
    const graph = buildGraph('shufflenet_v2_digits');
    const run = TrainingRun.create({
      graph,
      train: bands(8, [1, 28, 28], 10),
      config: {
        optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 1e-4 },
        schedule: { kind: 'constant' },
        batchSize: 4,
        steps: 3,
        seed: 5,
        shuffle: true,
        dropout: true,
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-train-'));
    try {
      await run.run(3);
      const file = join(dir, 'trained.safetensors');
      writeFileSync(file, await run.toSafetensors());
      const out = JSON.parse(
        execFileSync('/usr/bin/python3', ['scripts/py/load_trained.py', 'shufflenet_v2_digits', file], { cwd: ROOT, encoding: 'utf8' }),
      ) as {
        metadata: Record<string, string>;
        key_order: boolean;
        missing: string[];
        unexpected: string[];
        num_batches_tracked: Record<string, { value: number; dtype: string }>;
        logits: number[];
      };
      expect(out.metadata).toEqual({ format: 'pt' });
      expect(out.key_order).toBe(true);
      expect(out.missing).toEqual([]);
      expect(out.unexpected).toEqual([]);
      const nbt = Object.values(out.num_batches_tracked);
      expect(nbt.length).toBe(graph.nodes.filter((n) => n.op.kind === 'bn').length);
      for (const v of nbt) expect(v).toEqual({ value: 3, dtype: 'torch.int64' });

      const model = Model.create(graph, await run.stateDict());
      const x = inputFromNCHW(
        Float32Array.from({ length: 784 }, (_, i) => i / 783),
        [1, 1, 28, 28],
      );
      const y = model.predict(x);
      const ours = y.dataSync() as Float32Array;
      tf.dispose([x, y]);
      model.dispose();
      let d = 0;
      let r = 0;
      out.logits.forEach((v, i) => {
        d += (ours[i] - v) ** 2;
        r += v * v;
      });
      expect(Math.sqrt(d / r)).toBeLessThan(1e-5);
    } finally {
      run.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
