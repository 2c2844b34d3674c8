/**
 * `arch eval <id> [--weights W.safetensors | --random] [--dataset digits | --data D.safetensors]
 *     [--size N] [--backend cpu|wasm] [--seed S] [--json]`
 *
 * Accuracy and confusion matrix of a model on labelled images, through the fused inference path
 * every run on the site uses (lib/train/evaluate.ts: the state dict in lib/runtime's Model, BN
 * folded, dropout the identity), so what it reports for a trained state_dict is what PyTorch's
 * model.eval() gives. --dataset digits evaluates the digits test split (2,000 images); --data a
 * file as for `arch train` (scripts/arch-data.ts; for a digits model its images must also lie in
 * [0, 1], white on black). Weights: --weights W; without it a digits model uses the trained
 * weights shipped with the site (public/weights/digits/<id>.safetensors, size and SHA-256
 * checked against lib/weights/shipped-digits.ts), any other model the seeded init; --random
 * takes the seeded init (--seed) for any model.
 * --json prints exactly {accuracy, n, confusion} with confusion[true][predicted].
 * Exit codes: 0 ok; 2 bad arguments, model id, files or weights, or a network too big to run.
 */
import { parseArgs } from 'node:util';
import { footprint } from '../lib/arch/footprint';
import { buildGraph, getModel } from '../lib/arch/registry';
import { formatPercent } from '../lib/format';
import { memoryRefusal } from '../lib/runtime/run-guard';
import { heInit } from '../lib/runtime/weights/he-init';
import { evaluateStateDict } from '../lib/train/evaluate';
import { dataArgs } from './arch-data';
import { backendArg, readFile, readWeightsArg, selectBackend } from './arch-io';
import { inputFootprint } from './arch-run';
import { asUsage, parseSize } from './arch-summary';
import { type Command, UsageError } from './arch-types';

/** Images per forward pass. */
const EVAL_BATCH = 100;

/** The confusion matrix as text: rows are true classes, columns predictions. */
export function formatConfusion(confusion: readonly (readonly number[])[]): string {
  const width = Math.max(4, ...confusion.flat().map((v) => String(v).length + 1));
  const head = 'true\\pred'.padEnd(10) + confusion.map((_, j) => String(j).padStart(width)).join('');
  return [head, ...confusion.map((row, i) => String(i).padEnd(10) + row.map((v) => String(v).padStart(width)).join(''))].join('\n');
}

export const evalCommand: Command = {
  summary: 'accuracy and confusion matrix of a model (shipped trained weights, a file, or seeded init) on digits or a .safetensors dataset',
  usage: 'eval <id> [--weights W.safetensors | --random] [--dataset digits | --data D.safetensors] [--size N] [--backend cpu|wasm] [--seed S] [--json]',
  details: [
    '  (default weights)    a digits model: its trained weights shipped with the site, public/weights/digits/<id>.safetensors',
    '                       (size and SHA-256 checked); any other model: the seeded init (--seed)',
    '  --weights W          a state_dict (.safetensors, torchvision keys), e.g. from `arch train --out`, instead',
    '  --random             the seeded init (untrained, He as torchvision; --seed) instead',
    '  --allow-nonfinite    accept weights with NaN/Inf values or negative running variances',
    '  --dataset digits     the digits test split (2,000 images); the default for digits models',
    '  --data D             tensors "images" F32 [N, C, H, W] and "labels" I64 or I32 [N]; for a digits model [N, 1, 28, 28]',
    '                       in [0, 1], white digits on black (as MNIST)',
    '  --size N             input size to build the model at (default: the model’s own)',
    '  --backend cpu|wasm   default wasm',
    '  --seed S             seed of the seeded init (default 0)',
    '  --json               print {accuracy, n, confusion}',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = asUsage(() =>
      parseArgs({
        args: [...args],
        options: {
          weights: { type: 'string' },
          random: { type: 'boolean', default: false },
          'allow-nonfinite': { type: 'boolean', default: false },
          dataset: { type: 'string' },
          data: { type: 'string' },
          size: { type: 'string' },
          backend: { type: 'string', default: 'wasm' },
          seed: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    if (positionals.length !== 1) throw new UsageError(`eval expects exactly one model id, got ${positionals.length}`);
    const id = positionals[0];
    const entry = getModel(id);
    const backend = backendArg(values.backend);
    const seedText = values.seed ?? '0';
    if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 2 ** 31 - 1)
      throw new UsageError(`--seed expects a whole number from 0 to ${2 ** 31 - 1}, got ${JSON.stringify(values.seed)}`);
    if (values.random && values.weights !== undefined) throw new UsageError('give --weights W.safetensors or --random, not both');
    // A digits model's default is its shipped trained weights; --random (or --weights) replaces them.
    // Imported only here: `npm run weights:digits` evaluates with --weights before any index exists.
    const shippedIndex = values.weights === undefined && !values.random ? await import('../lib/weights/node') : null;
    const shipped = shippedIndex?.shippedDigits(id) ?? null;
    if (shipped && values.seed !== undefined)
      throw new UsageError(`--seed sets the seeded init, but ${id} is evaluated with its shipped trained weights: add --random to evaluate the seeded init`);
    const graph = buildGraph(id, { size: parseSize(values.size) });
    const data = dataArgs(values, graph, entry);
    for (const w of data.warnings ?? []) io.stderr(`arch eval: warning: ${w}\n`);
    const images = data.test ?? data.train;
    const [c, h, w] = graph.input;
    const refusal = memoryRefusal(inputFootprint(footprint(graph), h, [Math.min(EVAL_BATCH, images.shape[0]), c, h, w]), backend, 0, 'Use a smaller --size.');
    if (refusal) {
      io.stderr(`arch eval: ${id}: ${refusal.message}\n`);
      return 2;
    }
    let sd = null;
    if (shipped) {
      try {
        sd = await (shippedIndex as typeof import('../lib/weights/node')).loadShippedDigitsNode(id);
      } catch (e) {
        io.stderr(`arch eval: ${e instanceof Error ? e.message : String(e)}\n`);
        return 2;
      }
    } else if (values.weights !== undefined) {
      const r = readWeightsArg(readFile(values.weights, '--weights file'), values.weights, graph, id, 'eval', values['allow-nonfinite'] === true);
      if (!r.ok) {
        io.stderr(r.message);
        return 2;
      }
      if (r.warning) io.stderr(r.warning);
      sd = r.sd;
    }
    await selectBackend(backend);
    const r = await evaluateStateDict(graph, sd ?? heInit(graph, Number(seedText)), images, { batchSize: EVAL_BATCH });
    if (values.json) {
      io.stdout(JSON.stringify({ accuracy: r.accuracy, n: r.n, confusion: r.confusion }) + '\n');
    } else {
      const what = data.test ? `${data.source} test split` : data.source;
      const weights = shipped
        ? `shipped trained weights, public/weights/digits/${shipped.record.file}`
        : (values.weights ?? `seeded init, seed ${seedText}, untrained`);
      io.stdout(`${id} (${weights}) on ${backend}: accuracy ${formatPercent(r.accuracy)} on ${r.n} images (${what})\n\n${formatConfusion(r.confusion)}\n`);
    }
    return 0;
  },
};
