/**
 * What an explanation costs next to the forward pass it explains, per model, in one run on wasm
 * (the lab's fallback backend, and the one Node has):
 *
 *   npx tsx scripts/bench-explain.ts [--models shufflenet_v2_x0_5,...] [--size 224] [--repeats 3]
 *                                    [--groupconv packed,split]
 *
 * For each model (seeded random weights; time does not depend on the values) and each grouped-conv
 * strategy asked for (it matters only for ResNeXt: the executor's default `packed` form has a slow
 * input gradient on wasm, lib/train/README.md), the median of `repeats` timed runs after one warm-up
 * of: the fused forward (Model.predict + read-back, what the lab runs), one Grad-CAM (default
 * layer), one vanilla saliency map (= one SmoothGrad copy), each also as a ratio to the forward.
 * A SmoothGrad of n copies costs about n saliency maps. Say the machine's load next to the figures.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { buildGraph } from '../lib/arch/registry';
import { gradCam } from '../lib/explain/gradcam';
import { defaultCamLayer } from '../lib/explain/layers';
import { saliency } from '../lib/explain/saliency';
import { formatRatio, formatSig } from '../lib/format';
import { Model } from '../lib/runtime/executor';
import { GROUP_CONV_STRATEGIES, type GroupConvStrategy } from '../lib/runtime/groupconv';
import { median, randomInput } from '../lib/runtime/timing';
import { heInit } from '../lib/runtime/weights/he-init';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'shufflenet_v2_x0_5,mnasnet0_5,resnet50,resnext50_32x4d,densenet121' },
    size: { type: 'string', default: '224' },
    repeats: { type: 'string', default: '3' },
    groupconv: { type: 'string', default: 'packed' },
  },
});
const size = Number(values.size);
const repeats = Number(values.repeats);
const strategies = values.groupconv.split(',') as GroupConvStrategy[];
for (const s of strategies) if (!GROUP_CONV_STRATEGIES.includes(s)) throw new Error(`--groupconv: ${s} is not one of ${GROUP_CONV_STRATEGIES.join(', ')}`);

async function time(f: () => Promise<unknown>): Promise<number> {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

async function main() {
  await tf.setBackend('wasm');
  await tf.ready();
  console.log(`wasm, ${size}×${size}, median of ${repeats} after 1 warm-up`);
  console.log('model | grouped conv | forward ms | Grad-CAM ms (×fwd) | saliency ms (×fwd) | layer');
  for (const id of values.models.split(',')) {
    const graph = buildGraph(id, { size });
    const sd = heInit(graph, 0);
    const hasGrouped = graph.nodes.some((n) => n.op.kind === 'conv' && n.op.groups > 1 && n.op.groups < n.op.inC);
    for (const groupConv of hasGrouped ? strategies : strategies.slice(0, 1)) {
      const model = Model.create(graph, sd, { groupConv });
      const x = randomInput(size, graph.input[0]);
      const layer = defaultCamLayer(graph);
      const fwd = await time(async () => {
        const y = model.predict(x);
        await y.data();
        y.dispose();
      });
      const cam = await time(() => gradCam(model, x, { layer, classIndex: 0 }));
      const sal = await time(() => saliency(model, x, 0));
      console.log(
        `${id} | ${hasGrouped ? groupConv : '–'} | ${formatSig(fwd)} | ${formatSig(cam)} (${formatRatio(cam / fwd)}) | ${formatSig(sal)} (${formatRatio(sal / fwd)}) | ${layer}`,
      );
      x.dispose();
      model.dispose();
    }
  }
}

void main();
