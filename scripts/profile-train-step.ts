/**
 * Where a training step's time goes on wasm, kernel by kernel (tf.profile), per digits model.
 *
 *   npx tsx scripts/profile-train-step.ts [--models densenet_digits,...] [--batch 64] [--top 9]
 *
 * One warm-up step, one timed step, then one profiled step of forward + backward (the train-mode
 * forward of lib/train/forward.ts, cross-entropy, tf.variableGrads; no optimizer update) on a
 * fixed batch, with lib/train/kernels registered as the trainer does. Prints the step time and
 * each kernel's share of the summed kernel time (a composed kernel of lib/train/kernels counts
 * as one, under its own name; "forward" is BatchNorm's custom-gradient op). Shares are what to
 * read: on a loaded machine single step times vary by up to 2×.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { buildGraph } from '../lib/arch/registry';
import { inputFromNCHW } from '../lib/runtime/executor';
import { hashInput } from '../lib/runtime/weights/hash-init';
import { heInit } from '../lib/runtime/weights/he-init';
import { trainForward } from '../lib/train/forward';
import { ensureTrainingKernels } from '../lib/train/kernels';
import { crossEntropy } from '../lib/train/loss';
import { TrainableModel } from '../lib/train/variables';

const DIGITS = ['densenet_digits', 'resnext_digits', 'resnet_digits', 'shufflenet_v2_digits', 'mnasnet_digits'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: DIGITS.join(',') },
      batch: { type: 'string', default: '64' },
      top: { type: 'string', default: '9' },
    },
  });
  tf.env().set('PROD', true); // no "install tfjs-node" banner, no debug checks
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as lib/runtime/backend.ts runs WASM in Node (pages that are cross-origin isolated get threads)
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  await tf.ready();
  ensureTrainingKernels('wasm');
  const n = Number(values.batch);
  for (const id of values.models!.split(',')) {
    const graph = buildGraph(id);
    const [c, h, w] = graph.input;
    const model = TrainableModel.fromStateDict(graph, heInit(graph, 5));
    const x = inputFromNCHW(hashInput([n, c, h, w]), [n, c, h, w]);
    const labels = tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % 10),
      'int32',
    );
    const step = () => {
      const { value, grads } = tf.variableGrads(
        () => crossEntropy(trainForward(model, x, { dropout: false, seed: 0, step: 0 }), labels),
        model.params.map((p) => p.variable),
      );
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    };
    try {
      step();
      const t0 = performance.now();
      step();
      const ms = performance.now() - t0;
      const prof = await tf.profile(step);
      const byKernel = new Map<string, number>();
      let total = 0;
      for (const k of prof.kernels) {
        const t = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
        byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + t);
        total += t;
      }
      const top = [...byKernel]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(values.top))
        .map(([k, t]) => `${k} ${((100 * t) / total).toFixed(0)}%`);
      console.log(`${id}, batch ${n}: step ${ms.toFixed(0)} ms (${((n / ms) * 1000).toFixed(0)} images/s); ${top.join(', ')}`);
    } finally {
      tf.dispose([x, labels]);
      model.dispose();
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
