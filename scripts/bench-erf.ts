/**
 * Effective against theoretical receptive fields, stage by stage, and what one effective field
 * costs, in one run per model:
 *
 *   npx tsx scripts/bench-erf.ts [--models resnet50,mnasnet1_0] [--size 224] [--repeats 3]
 *                                [--seed 0] [--backend wasm|cpu] [--json]
 *
 * For each top-level group of the network with a spatial output (stem, stages, dense blocks,
 * transitions), the centre cell of its output, in the channel strongest there (a unit a ReLU
 * zeroed has no gradient): its theoretical field on the image (lib/arch), the box holding 95 % of
 * |∂y/∂x| (lib/explain/effective-rf.ts) and their ratio, as the lab's feature-map view states
 * them. Luo et al. 2016 predict the ratio to fall with depth. Weights are seeded He-init (random:
 * the fields show the architecture), the input seeded Gaussian noise, as in their Fig. 1.
 *
 * Time: the effective field of the last stage's unit (the forward to the logits through
 * lib/explain/forward.ts, unfused, plus the backward to the input, read back; grouped convs in
 * the form the lab differentiates them in, lib/explain/request.ts) against the lab's
 * fused forward of the same model and input (read back), alternated `repeats` times after one
 * warm-up of each; medians and their ratio.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { buildGraph } from '../lib/arch/registry';
import { groupOutput } from '../lib/arch/graph-utils';
import type { Graph, Pair } from '../lib/arch/ir';
import { receptiveFields } from '../lib/arch/receptive-field';
import { summarizeField } from '../lib/explain/effective-rf';
import { cellInputGradient } from '../lib/explain/effective-rf-run';
import { formatRatio, formatSig } from '../lib/format';
import { Model } from '../lib/runtime/executor';
import { median, randomInput, timedForward } from '../lib/runtime/timing';
import { heInit } from '../lib/runtime/weights/he-init';
import { gradientGroupConv } from '../lib/explain/request';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'resnet50,resnext50_32x4d,densenet121,shufflenet_v2_x1_0,mnasnet1_0' },
    size: { type: 'string', default: '224' },
    repeats: { type: 'string', default: '3' },
    seed: { type: 'string', default: '0' },
    backend: { type: 'string', default: 'wasm' },
    json: { type: 'boolean', default: false },
  },
});
const size = Number(args.size);
const repeats = Number(args.repeats);
const seed = Number(args.seed);

/** Top-level groups with a spatial output, in graph order, and the node that is their output. */
function stageOutputs(graph: Graph): { group: string; node: string; shape: readonly number[] }[] {
  const out = [];
  for (const g of graph.groups.filter((x) => x.parent === null)) {
    const n = groupOutput(graph, g.id);
    if (n && n.outShape.length === 3) out.push({ group: g.label, node: n.name, shape: n.outShape });
  }
  return out;
}

/** The channel strongest at `cell` of `layer` (NHWC read-back). */
async function strongestChannel(model: Model, x: tf.Tensor4D, layer: string, cell: Pair): Promise<number> {
  const { output, captured } = model.execute(x, { capture: [layer] });
  const t = captured.get(layer)!;
  const row = tf.tidy(() => tf.slice(t, [0, cell[0], cell[1], 0], [1, 1, 1, t.shape[3]!]));
  const v = await row.data();
  row.dispose();
  output.dispose();
  if (t !== output) t.dispose();
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

interface StageRow {
  readonly group: string;
  readonly layer: string;
  readonly map: string;
  readonly theoretical: Pair;
  readonly effective: Pair | null;
  readonly ratio: number | null;
}

async function main() {
  await tf.setBackend(args.backend);
  await tf.ready();
  const report = [];
  if (!args.json)
    console.log(`effective vs theoretical receptive fields, ${size}×${size}, ${args.backend}, seed ${seed} (He-init weights, Gaussian-noise input)\n`);
  for (const id of args.models.split(',')) {
    const graph = buildGraph(id, { size });
    const sd = heInit(graph, seed);
    const model = Model.create(graph, sd);
    // The lab differentiates ResNeXt's grouped convs on wasm in their 'split' form (RunSession.withGradientModel).
    const strategy = gradientGroupConv(args.backend, model.groupConv);
    const grad = strategy ? Model.create(graph, sd, { groupConv: strategy }) : model;
    const x = randomInput(size, graph.input[0], seed + 7);
    const fields = receptiveFields(graph);
    const rows: StageRow[] = [];
    let last: { layer: string; channel: number; cell: Pair } | null = null;
    for (const s of stageOutputs(graph)) {
      const cell: Pair = [Math.floor((s.shape[1] - 1) / 2), Math.floor((s.shape[2] - 1) / 2)];
      const channel = await strongestChannel(model, x, s.node, cell);
      const g = await cellInputGradient(grad, x, { layer: s.node, channel, cell });
      const sum = summarizeField(g, fields.get(s.node)!, cell);
      rows.push({
        group: s.group,
        layer: s.node,
        map: `${s.shape[1]}×${s.shape[2]}`,
        theoretical: sum.theoretical.size,
        effective: sum.extent?.size ?? null,
        ratio: sum.ratio?.side ?? null,
      });
      last = { layer: s.node, channel, cell };
    }
    // Time: one warm-up of each, then alternate.
    const forward: number[] = [];
    const erf: number[] = [];
    for (let i = 0; i <= repeats; i++) {
      const f = await timedForward(model, x);
      const t0 = performance.now();
      await cellInputGradient(grad, x, last!);
      const e = performance.now() - t0;
      if (i > 0) {
        forward.push(f.ms);
        erf.push(e);
      }
    }
    const timing = { forwardMs: median(forward), erfMs: median(erf), ratio: median(erf) / median(forward), layer: last!.layer };
    report.push({ model: id, size, backend: args.backend, stages: rows, timing });
    if (grad !== model) grad.dispose();
    model.dispose();
    x.dispose();
    if (!args.json) {
      console.log(id);
      console.log(
        `  ${'group'.padEnd(20)} ${'output'.padEnd(24)} ${'map'.padStart(7)} ${'theoretical'.padStart(11)} ${'effective 95%'.padStart(13)} ${'ratio'.padStart(6)}`,
      );
      for (const r of rows) {
        const pair = (p: Pair | null) => (p ? `${p[0]}×${p[1]}` : '—');
        console.log(
          `  ${r.group.padEnd(20)} ${r.layer.padEnd(24)} ${r.map.padStart(7)} ${pair(r.theoretical).padStart(11)} ${pair(r.effective).padStart(13)} ${formatSig(r.ratio, 2).padStart(6)}`,
        );
      }
      console.log(
        `  time: effective field of ${timing.layer} ${formatSig(timing.erfMs)} ms, fused forward ${formatSig(timing.forwardMs)} ms: ${formatRatio(timing.ratio)} (median of ${repeats})\n`,
      );
    }
  }
  if (args.json) console.log(JSON.stringify(report, null, 1));
}

void main();
