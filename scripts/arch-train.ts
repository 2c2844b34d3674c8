/**
 * `arch train <id> [--size N] [--init W.safetensors] [--data D.safetensors | --dataset digits]
 *     [--steps K | --epochs E] [--batch B] [--optimizer sgd|adam] [--lr X] [--momentum M] [--nesterov]
 *     [--weight-decay W] [--seed S] [--no-shuffle] [--no-dropout] [--backend cpu|wasm]
 *     [--out OUT.safetensors] [--json]`
 *
 * Trains any registered model with the site's trainer (lib/train/run.ts TrainingRun: the same
 * steps as the /train page, exact to PyTorch). The training flags and their ranges come from the
 * settings' one declaration (lib/train/config.ts trainFlags); a bad value is refused with the
 * allowed range rather than replaced by its default, so a typo never trains the wrong thing.
 * Data: scripts/arch-data.ts. --init loads a state_dict through the validated weights path;
 * without it the weights are the seeded torchvision-style init of --seed. --out writes the whole
 * state_dict (running statistics, num_batches_tracked as I64) in torchvision key order.
 * --json prints exactly {losses, test_accuracy?, ms}: the loss of every step, the test-split
 * accuracy through the fused inference path when the data has a test split (digits), and the
 * training wall time in ms.
 * Exit codes: 0 ok; 2 bad arguments, model id, files, settings, or a network too big to train.
 */
import { accessSync, constants, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildGraph, getModel } from '../lib/arch/registry';
import { formatMs, formatPercent } from '../lib/format';
import { parseSafetensors } from '../lib/runtime/weights/safetensors';
import { resolveTrainConfig, trainFlags, type TrainInput } from '../lib/train/config';
import { trainingRefusal } from '../lib/train/train-footprint';
import { TrainingRun } from '../lib/train/run';
import type { StepReport } from '../lib/train/types';
import { dataArgs } from './arch-data';
import { backendArg, readFile, readWeightsArg, selectBackend } from './arch-io';
import { parseSize, asUsage } from './arch-summary';
import { type Command, UsageError } from './arch-types';

const FLAGS = trainFlags();

const OPTIONS = {
  size: { type: 'string' },
  init: { type: 'string' },
  'allow-nonfinite': { type: 'boolean', default: false },
  data: { type: 'string' },
  dataset: { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
  ...Object.fromEntries(FLAGS.map((f) => [f.flag.slice(2), { type: f.takesValue ? 'string' : 'boolean' }])),
} satisfies ParseArgsConfig['options'];

/** The training settings given on the command line (absent flags: the declared defaults). */
export function trainInputFromFlags(values: Readonly<Record<string, string | boolean | undefined>>): TrainInput {
  const input: Record<string, string | boolean> = {};
  for (const f of FLAGS) {
    const v = values[f.flag.slice(2)];
    if (v === undefined || v === false) continue;
    // A switch sets the opposite of its default: --nesterov → true, --no-shuffle → false.
    input[f.setting] = f.takesValue ? (v as string) : !f.flag.startsWith('--no-');
  }
  return input as TrainInput;
}

/**
 * num_batches_tracked of an --init file (I64 scalars; the float state dict leaves them out), so
 * training resumes PyTorch's counters rather than restarting them at 0.
 */
export function batchesTracked(bytes: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, t] of parseSafetensors(bytes).tensors) {
    if (!key.endsWith('.num_batches_tracked') || t.dtype !== 'I64' || t.bytes.byteLength !== 8) continue;
    out.set(key, Number(new DataView(t.bytes.buffer, t.bytes.byteOffset, 8).getBigInt64(0, true)));
  }
  return out;
}

/** Fails before training when --out cannot be written, so a long run is not lost at the end. */
function checkWritable(out: string): void {
  try {
    accessSync(dirname(resolve(out)), constants.W_OK);
  } catch {
    throw new UsageError(`--out ${out}: the folder ${dirname(resolve(out))} does not exist or cannot be written`);
  }
}

export const trainCommand: Command = {
  summary: 'train a model (digits or a .safetensors dataset) with the site trainer; --out writes the state_dict',
  usage:
    'train <id> [--size N] [--init W.safetensors] [--data D.safetensors | --dataset digits] [--steps K | --epochs E] [--batch B] ' +
    '[--optimizer sgd|adam] [--lr X] [--momentum M] [--nesterov] [--weight-decay W] [--seed S] [--no-shuffle] [--no-dropout] ' +
    '[--backend cpu|wasm] [--out OUT.safetensors] [--json]',
  details: [
    '  --size N             input size to build the model at (default: the model’s own)',
    '  --init W             start from this state_dict (.safetensors, torchvision keys); default: seeded init (--seed)',
    '  --allow-nonfinite    accept --init weights with NaN/Inf values or negative running variances',
    '  --data D             tensors "images" F32 [N, C, H, W] (the model input as is) and "labels" I64 or I32 [N]',
    '  --dataset digits     the site’s digits (8,000 train / 2,000 test); the default for digits models',
    ...FLAGS.map((f) => (f.usage.length < 21 ? `  ${f.usage.padEnd(20)} ${f.doc}` : `  ${f.usage}\n  ${''.padEnd(20)} ${f.doc}`)),
    '  --backend cpu|wasm   default wasm',
    '  --out OUT            write the trained state_dict (.safetensors, torchvision keys, with running stats)',
    '  --json               print {losses, test_accuracy?, ms}',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = asUsage(() => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
    if (positionals.length !== 1) throw new UsageError(`train expects exactly one model id, got ${positionals.length}`);
    const id = positionals[0];
    const entry = getModel(id); // SpecError (exit 2) for an unknown id
    const backend = backendArg(values.backend as string);
    const graph = buildGraph(id, { size: parseSize(values.size as string | undefined) });
    const data = dataArgs({ data: values.data as string | undefined, dataset: values.dataset as string | undefined }, graph, entry);
    for (const w of data.warnings ?? []) io.stderr(`arch train: warning: ${w}\n`);
    const resolved = resolveTrainConfig(trainInputFromFlags(values), { trainSize: data.train.shape[0], names: 'flag', refuse: true });
    if (resolved.issues.length) throw new UsageError(resolved.issues.map((i) => i.message).join('\n'));
    const { config } = resolved;
    const out = values.out as string | undefined;
    if (out !== undefined) checkWritable(out);

    // Before any weights are made: refuse what cannot fit the backend while training.
    const refusal = trainingRefusal(graph, config.batchSize, backend, 'Use a smaller --batch or --size.');
    if (refusal) {
      io.stderr(`arch train: ${id}: ${refusal}\n`);
      return 2;
    }
    let init;
    let numBatchesTracked;
    if (values.init !== undefined) {
      const bytes = readFile(values.init as string, '--init file');
      const r = readWeightsArg(bytes, values.init as string, graph, id, 'train', values['allow-nonfinite'] === true);
      if (!r.ok) {
        io.stderr(r.message);
        return 2;
      }
      if (r.warning) io.stderr(r.warning);
      init = r.sd;
      numBatchesTracked = batchesTracked(bytes);
    }

    await selectBackend(backend);
    const run = TrainingRun.create({ graph, init, numBatchesTracked, train: data.train, test: data.test, config, seed: config.seed });
    try {
      const every = Math.max(1, Math.round(config.steps / 20));
      const t0 = performance.now();
      const reports: StepReport[] = await run.run(config.steps, {
        onStep: (r) => {
          if (!values.json && ((r.step + 1) % every === 0 || r.step === 0 || r.step + 1 === config.steps))
            io.stdout(
              `step ${String(r.step + 1).padStart(String(config.steps).length)}/${config.steps}  loss ${r.loss.toFixed(4)}  batch accuracy ${formatPercent(r.accuracy)}  lr ${r.lr.toPrecision(3)}  ${formatMs(r.ms)}\n`,
            );
        },
      });
      const ms = performance.now() - t0;
      const test = data.test ? await run.evaluate(data.test) : undefined;
      if (out !== undefined) writeFileSync(out, await run.toSafetensors());
      if (values.json) {
        io.stdout(JSON.stringify({ losses: reports.map((r) => r.loss), ...(test ? { test_accuracy: test.accuracy } : {}), ms }) + '\n');
      } else {
        const images = config.steps * config.batchSize;
        const lines = [
          `${id} on ${backend}: ${config.steps} step${config.steps === 1 ? '' : 's'} of ${config.batchSize} (${data.source}) in ${formatMs(ms)}, ${Math.round(images / (ms / 1000))} images/s`,
        ];
        if (test) lines.push(`test accuracy ${formatPercent(test.accuracy)} on ${test.n} ${data.source} test images`);
        if (out !== undefined) lines.push(`wrote ${out}`);
        io.stdout(lines.join('\n') + '\n');
      }
      return 0;
    } finally {
      run.dispose();
    }
  },
};
