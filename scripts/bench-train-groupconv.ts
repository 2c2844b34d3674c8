/**
 * Grouped-convolution TRAINING strategies side by side (lib/train/grouped.ts): 'split' (G conv2d's,
 * dense-conv gradients) against 'packed' (one depthwise conv over the packed input, depthwise
 * gradients), in one run, interleaved, as ratios.
 *
 *   npx tsx scripts/bench-train-groupconv.ts [--model resnext_digits] [--size N] [--backends wasm,cpu]
 *                                            [--batch 32] [--repeats 5] [--warmup 1] [--json]
 *
 * Two measurements per backend, each the median of `repeats` after `warmup`:
 * - layers: forward + backward (tf.grads w.r.t. input and filter, read back) of every grouped conv
 *   of the model alone, at its own input shape, summed;
 * - step: one whole training step of the model (lib/train/trainer.ts trainStep, SGD momentum).
 * The winner on wasm is lib/train/variables.ts DEFAULT_TRAIN_GROUP_CONV.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { convKind } from '../lib/arch/conv-kind';
import type { ConvOp } from '../lib/arch/ir';
import { buildGraph } from '../lib/arch/registry';
import { formatRatio, formatSig } from '../lib/format';
import { median } from '../lib/runtime/timing';
import { heInit } from '../lib/runtime/weights/he-init';
import { groupedConvTrain } from '../lib/train/grouped';
import { ensureTrainingKernels } from '../lib/train/kernels';
import { type TrainGroupConv, convTrainShape } from '../lib/train/layout';
import { createOptimizer } from '../lib/train/optim';
import { readStep, trainStep } from '../lib/train/trainer';
import { TrainableModel } from '../lib/train/variables';

const STRATEGIES: TrainGroupConv[] = ['split', 'packed', 'blockdiag'];

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'resnext_digits' },
    size: { type: 'string' },
    backends: { type: 'string', default: 'wasm,cpu' },
    batch: { type: 'string', default: '32' },
    repeats: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const batch = Number(values.batch);
const repeats = Number(values.repeats);
const warmup = Number(values.warmup);

async function layersMs(layers: { op: ConvOp; shape: number[] }[], strategy: TrainGroupConv): Promise<number> {
  let total = 0;
  for (const { op, shape } of layers) {
    const x = tf.randomNormal([batch, shape[1], shape[2], shape[0]]) as tf.Tensor4D;
    const f = tf.randomNormal(convTrainShape(op, strategy)) as tf.Tensor4D;
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(groupedConvTrain(a as tf.Tensor4D, op, b as tf.Tensor4D, strategy)));
    const t0 = performance.now();
    const [dx, df] = g([x, f]);
    await Promise.all([dx.data(), df.data()]);
    total += performance.now() - t0;
    tf.dispose([x, f, dx, df]);
  }
  return total;
}

async function main() {
  const graph = buildGraph(values.model, values.size ? { size: Number(values.size) } : {});
  const layers = graph.nodes.flatMap((n) => (n.op.kind === 'conv' && convKind(n.op) === 'grouped' ? [{ op: n.op, shape: [...n.inShapes[0]] }] : []));
  if (!layers.length) throw new Error(`${values.model} has no grouped convolutions`);
  const sd = heInit(graph, 0);
  const [c, h, w] = graph.input;
  const rows: { backend: string; what: string; ms: Record<string, number> }[] = [];
  for (const backend of values.backends.split(',')) {
    await tf.setBackend(backend);
    await tf.ready();
    ensureTrainingKernels(backend);
    const layerT: Record<string, number[]> = { split: [], packed: [], blockdiag: [] };
    const stepT: Record<string, number[]> = { split: [], packed: [], blockdiag: [] };
    const models = Object.fromEntries(STRATEGIES.map((s) => [s, TrainableModel.fromStateDict(graph, sd, { groupConv: s })]));
    const opts = Object.fromEntries(STRATEGIES.map((s) => [s, createOptimizer({ kind: 'sgd', lr: 0.01, momentum: 0.9, nesterov: false, weightDecay: 0 })]));
    const x = tf.randomUniform([batch, h, w, c]) as tf.Tensor4D;
    const labels = tf.tensor1d(
      Array.from({ length: batch }, (_, i) => i % 10),
      'int32',
    );
    for (let r = 0; r < warmup + repeats; r++)
      for (const s of STRATEGIES) {
        const lm = await layersMs(layers, s);
        const t0 = performance.now();
        await readStep(trainStep(models[s], opts[s], x, labels, { lr: 0.01, step: r, dropout: false, seed: 0 }), batch);
        const sm = performance.now() - t0;
        if (r >= warmup) {
          layerT[s].push(lm);
          stepT[s].push(sm);
        }
      }
    rows.push({
      backend,
      what: `${layers.length} grouped layers, fwd+bwd`,
      ms: { split: median(layerT.split), packed: median(layerT.packed), blockdiag: median(layerT.blockdiag) },
    });
    rows.push({ backend, what: 'whole training step', ms: { split: median(stepT.split), packed: median(stepT.packed), blockdiag: median(stepT.blockdiag) } });
    tf.dispose([x, labels]);
    for (const s of STRATEGIES) {
      models[s].dispose();
      opts[s].dispose();
    }
  }
  if (values.json) {
    console.log(JSON.stringify({ model: graph.id, batch, repeats, rows }, null, 2));
    return;
  }
  console.log(`${graph.id}, batch ${batch}, median of ${repeats} (interleaved)`);
  console.log('| backend | measured | split ms | packed ms | blockdiag ms | packed / split | blockdiag / split |');
  console.log('|---|---|--:|--:|--:|--:|--:|');
  for (const r of rows)
    console.log(
      `| ${r.backend} | ${r.what} | ${formatSig(r.ms.split, 3)} | ${formatSig(r.ms.packed, 3)} | ${formatSig(r.ms.blockdiag, 3)} | ${formatRatio(r.ms.packed / r.ms.split)} | ${formatRatio(r.ms.blockdiag / r.ms.split)} |`,
    );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
