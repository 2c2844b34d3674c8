/**
 * `npm run weights:digits [-- --only ID,ID] [--from DIR] [--quick N] [--dry-run]`
 *
 * Trains every digits model with the site's own trainer (`arch train`, lib/train/run.ts, wasm in
 * Node) by the recipe below and ships the result: `public/weights/digits/<id>.safetensors` (the
 * whole state_dict, torchvision keys) and its training record `<id>.json`
 * (lib/weights/digits-record.ts: settings, seed, steps, wall time, machine, test accuracy,
 * confusion, bytes, sha256 and the exact command that trains it again). The index the site and
 * the CLI read (lib/weights/shipped-digits.ts) is made from these records.
 *
 * Every model is then evaluated from the written file by `arch eval` (the fused inference path)
 * on the 2,000-image test split; a model under MIN_ACCURACY or a file over MAX_BYTES fails the
 * script (exit 1) and nothing of that model is written.
 *
 *   --only ID,ID   just these models
 *   --from DIR     do not train: take DIR/<id>.safetensors and DIR/<id>.json, the `--out` and
 *                  `--json` output of the recipe's own command run elsewhere (e.g. in parallel);
 *                  the file is still evaluated here and its record written as above
 *   --quick N      a quick, unconverged set for development: N steps instead of the recipe's
 *                  epochs (precise BN over at most 20 batches), no accuracy floor; the records
 *                  say so (`provisional: true`) and carry the command that was actually run
 *   --dry-run      print each model's command and stop
 *
 * One model trains at a time (wasm in Node is single-threaded; each takes minutes to tens of
 * minutes on a 2-core machine: the records say how long).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, type as osType } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { graphCost } from '../lib/arch/cost';
import { buildGraph, modelIdsFor } from '../lib/arch/registry';
import { DIGITS_SPLIT } from '../lib/data/digits/split';
import { resolveTrainConfig, settingName, type TrainInput, type TrainSettingName } from '../lib/train/config';
import { DIGITS_RECORD_SCHEMA, type DigitsTrainingRecord } from '../lib/weights/digits-record';
import { SHIPPED_DIGITS_FS_DIR } from '../lib/weights/shipped-digits-dir';
import { sha256Hex } from '../lib/weights/imagenet/sha256';
import { evalCommand } from './arch-eval';
import { trainCommand } from './arch-train';
import type { CliIO } from './arch-types';
import { selectBackend } from './arch-io';
import { loadDigitsNode } from '../lib/data/digits/node';
import { readWeightsFile } from '../lib/runtime/weights/read-weights';
import { TrainingRun } from '../lib/train/run';
import type { TrainConfig } from '../lib/train/types';

/** Issue 14: every shipped digits model reaches at least 97% on the held-out test split. */
const MIN_ACCURACY = 0.97;
/** Issue 14: at most 2 MB per file. */
const MAX_BYTES = 2_000_000;

/**
 * The recipe, per model. Adam (lr 0.002, cosine to 0) for 10 epochs of batch 64 (1,250 steps)
 * trains DenseNet and ResNeXt above 97% here; ResNet gets there in 5 epochs (625 steps).
 * ShuffleNet v2 with that recipe overfits (training loss 5e-4, 96.95% on the test split, precise
 * BN no help), so it trains with SGD (momentum 0.9, lr 0.05 cosine) and L2 weight decay 5e-4 in
 * batches of 32, 5 epochs (1,250 steps). MnasNet adds precise BN over one epoch of batches
 * (125 × 64 = the 8,000 training digits; lib/train/precise-bn.ts): its torchvision BN momentum
 * 1 − 0.9997 leaves the running statistics ~69% at their init after 1,250 steps
 * (0.9997^1250), which puts eval-mode accuracy near chance however well it trained.
 */
const BASE: TrainInput = { epochs: 10, batchSize: 64, optimizer: 'adam', lr: 0.002, schedule: 'cosine', seed: 1 };
const RECIPES: Readonly<Record<string, TrainInput>> = {
  densenet_digits: BASE,
  resnext_digits: BASE,
  resnet_digits: { ...BASE, epochs: 5 },
  shufflenet_v2_digits: { epochs: 5, batchSize: 32, optimizer: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4, schedule: 'cosine', seed: 1 },
  mnasnet_digits: { ...BASE, preciseBn: 125 },
};

/** A recipe cut to `steps` steps (--quick). */
function quickRecipe(r: TrainInput, steps: number): TrainInput {
  const rest: Record<string, unknown> = { ...r };
  delete rest.epochs;
  return { ...rest, steps, ...(r.preciseBn ? { preciseBn: Math.min(20, Number(r.preciseBn)) } : {}) } as TrainInput;
}

/** The `arch train` arguments of a recipe, flags from lib/train/config.ts (declaration order). */
export function recipeArgs(id: string, out: string, recipe: TrainInput = RECIPES[id]): string[] {
  const input = recipe as Record<string, unknown>;
  const args = ['train', id, '--dataset', 'digits'];
  for (const [k, v] of Object.entries(input)) args.push(settingName(k as TrainSettingName, 'flag'), String(v));
  return [...args, '--out', out];
}

/** The record as indented JSON, with each list of numbers (a confusion row) on one line. */
export function recordJson(record: DigitsTrainingRecord): string {
  return (
    JSON.stringify(record, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, nums: string) => `[${nums.split(/,\s+/).join(', ')}]`) + '\n'
  );
}

const shellCommand = (args: readonly string[]) => `npm run -s arch -- ${args.join(' ')}`;

function capture(): { io: CliIO; out: () => string } {
  let text = '';
  return {
    io: { stdout: (t) => (text += t), stderr: (t) => process.stderr.write(t) },
    out: () => text,
  };
}

/** `bytes` (a trained state_dict of `id`) with the recipe's precise BN applied (lib/train/run.ts recalibrateBn). */
async function recalibrated(id: string, bytes: Uint8Array, config: TrainConfig): Promise<Uint8Array> {
  await selectBackend('wasm');
  const graph = buildGraph(id);
  const r = readWeightsFile(bytes, graph);
  if (!r.ok) throw new Error(`${id}: ${r.issues.map((i) => i.message).join('; ')}`);
  const run = TrainingRun.create({ graph, init: r.sd, train: loadDigitsNode().train, config });
  try {
    await run.recalibrateBn(config.preciseBn ?? 0);
    return await run.toSafetensors();
  } finally {
    run.dispose();
  }
}

interface TrainOutput {
  readonly losses: number[];
  readonly test_accuracy?: number;
  readonly ms: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, from: { type: 'string' }, quick: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    strict: true,
  });
  const all = modelIdsFor('digits');
  const missing = all.filter((id) => !RECIPES[id]);
  if (missing.length) throw new Error(`no recipe for ${missing.join(', ')}: add one to RECIPES`);
  const ids = values.only ? values.only.split(',') : all;
  const unknown = ids.filter((id) => !RECIPES[id]);
  if (unknown.length) {
    process.stderr.write(`weights:digits: unknown digits model ${unknown.join(', ')}; one of ${all.join(', ')}\n`);
    return 2;
  }
  const quick = values.quick === undefined ? null : Number(values.quick);
  if (quick !== null && !(Number.isInteger(quick) && quick >= 1)) {
    process.stderr.write(`weights:digits: --quick takes a whole number of steps ≥ 1, got ${JSON.stringify(values.quick)}\n`);
    return 2;
  }
  mkdirSync(SHIPPED_DIGITS_FS_DIR, { recursive: true });
  let failed = 0;
  for (const id of ids) {
    const target = join(SHIPPED_DIGITS_FS_DIR, `${id}.safetensors`);
    const shipped = `public/weights/digits/${id}.safetensors`;
    const recipe = quick === null ? RECIPES[id] : quickRecipe(RECIPES[id], quick);
    const args = recipeArgs(id, shipped, recipe);
    const command = shellCommand(args);
    if (values['dry-run']) {
      process.stdout.write(`${command}\n`);
      continue;
    }
    const tmp = mkdtempSync(join(tmpdir(), 'weights-digits-'));
    try {
      let file: string;
      // (reassigned when precise BN is applied to an adopted file)
      let trained: TrainOutput;
      if (values.from) {
        file = join(values.from, `${id}.safetensors`);
        trained = JSON.parse(readFileSync(join(values.from, `${id}.json`), 'utf8')) as TrainOutput;
        process.stdout.write(`${id}: taking ${file}, from the recipe's command (${command.replace(shipped, file)})\n`);
      } else {
        file = join(tmp, `${id}.safetensors`);
        process.stdout.write(`${id}: ${command}\n`);
        const c = capture();
        const code = await trainCommand.run([...args.slice(1, -1), file, '--json'], c.io);
        if (code !== 0) throw new Error(`arch train exited with ${code}`);
        trained = JSON.parse(c.out()) as TrainOutput;
      }
      let bytes: Uint8Array = new Uint8Array(readFileSync(file));
      const resolvedRecipe = resolveTrainConfig(recipe, { trainSize: DIGITS_SPLIT.trainCount, refuse: true });
      let wallMs = trained.ms;
      if (values.from && (resolvedRecipe.config.preciseBn ?? 0) > 0) {
        // Precise BN depends only on the weights and the config (TrainingRun.recalibrateBn: the
        // first epoch's batches), so applying it to the adopted file gives exactly what the
        // recipe's one command writes, whether or not the run elsewhere already applied it.
        const t0 = performance.now();
        bytes = await recalibrated(id, bytes, resolvedRecipe.config);
        wallMs += performance.now() - t0;
        file = join(tmp, `${id}.safetensors`);
        writeFileSync(file, bytes);
      }
      const e = capture();
      const code = await evalCommand.run([id, '--weights', file, '--dataset', 'digits', '--json'], e.io);
      if (code !== 0) throw new Error(`arch eval exited with ${code}`);
      const test = JSON.parse(e.out()) as { accuracy: number; n: number; confusion: number[][] };
      const correct = test.confusion.reduce((a, row, t) => a + row[t], 0);
      const line = `${id}: test accuracy ${(100 * test.accuracy).toFixed(2)}% (${correct}/${test.n}), ${bytes.length} bytes, trained in ${(wallMs / 60_000).toFixed(1)} min`;
      if ((quick === null && test.accuracy < MIN_ACCURACY) || bytes.length > MAX_BYTES) {
        process.stderr.write(`${line}: FAILS (needs ≥ ${100 * MIN_ACCURACY}% and ≤ ${MAX_BYTES} bytes); nothing written\n`);
        failed++;
        continue;
      }
      const resolved = resolveTrainConfig(recipe, { trainSize: DIGITS_SPLIT.trainCount, refuse: true });
      if (resolved.issues.length) throw new Error(resolved.issues.map((i) => i.message).join('; '));
      const s = resolved.settings;
      const perEpoch = Math.floor(DIGITS_SPLIT.trainCount / s.batchSize);
      const lastEpoch = trained.losses.slice(-perEpoch);
      const cpu = cpus();
      const record: DigitsTrainingRecord = {
        schema: DIGITS_RECORD_SCHEMA,
        id,
        file: `${id}.safetensors`,
        bytes: bytes.length,
        sha256: (await sha256Hex(bytes)).hex,
        params: graphCost(buildGraph(id)).total.params,
        command,
        training: {
          settings: s,
          seed: s.seed,
          steps: resolved.config.steps,
          epochs: s.epochs,
          batchSize: s.batchSize,
          preciseBn: s.preciseBn,
          trainImages: DIGITS_SPLIT.trainCount,
          wallMs: Math.round(wallMs),
          backend: 'wasm',
          finalLoss: lastEpoch.reduce((a, b) => a + b, 0) / lastEpoch.length,
        },
        test: {
          accuracy: test.accuracy,
          n: test.n,
          correct,
          confusion: test.confusion,
          split: `digits test split (${DIGITS_SPLIT.testCount.toLocaleString('en-US')} held-out images, lib/data/digits/split.ts, seed ${DIGITS_SPLIT.seed})`,
        },
        machine: {
          cpu: cpu[0]?.model.trim() || 'unknown',
          cores: cpu.length,
          os: `${osType()} ${release()}`,
          node: process.version,
          tfjs: `${tf.version.tfjs} (wasm backend, 1 thread, SIMD)`,
        },
        created: new Date().toISOString(),
        ...(quick === null ? {} : { provisional: true }),
      };
      if (file !== target) copyFileSync(file, target);
      if (statSync(target).size !== bytes.length) throw new Error(`${target}: copy has the wrong size`);
      writeFileSync(join(SHIPPED_DIGITS_FS_DIR, `${id}.json`), recordJson(record));
      process.stdout.write(`${line}: wrote ${shipped} and public/weights/digits/${id}.json\n`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`weights:digits: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
