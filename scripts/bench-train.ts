/**
 * Training throughput (images/s) of every digits model: the site's trainer in Node (tfjs wasm and
 * cpu) against PyTorch 1.13 on the same CPU with one thread, side by side in one run, with ratios.
 *
 *   npm run -s bench:train -- [--models a,b] [--backends wasm,cpu] [--batch 64] [--warmup 2]
 *                             [--steps 8] [--cpu-batch 8] [--cpu-steps 1] [--json]
 *
 * One step = what lib/train/run.ts does per step (train-mode forward, mean cross-entropy,
 * gradients, SGD with momentum 0.9, BN running statistics, the loss read back) on a batch of real
 * digits; PyTorch's step is the same loop (scripts/py/bench_train.py: torch.set_num_threads(1),
 * models from scripts/py/digits_models.py). tfjs's wasm backend runs here with SIMD and without
 * threads, so one PyTorch thread compares kernels, not core counts.
 *
 * tfjs's cpu backend is plain JavaScript and about two orders of magnitude slower, so it trains
 * smaller batches (--cpu-batch) for fewer steps (--cpu-steps, one warm-up), and its ratio is to
 * PyTorch at that same batch size.
 *
 * Reported: images/s = batch / the median step's CPU time of the process (process.cpuUsage in Node,
 * time.process_time in Python) after `warmup` steps. On a machine shared with other jobs the wall
 * time also counts their load, the CPU time does not; the wall medians are in --json. Models run
 * one after another, and for each model ours and PyTorch's back to back, so a change in the
 * machine's load hits both columns alike.
 * Exit codes: 0 ok, 1 a run failed, 2 bad options.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { buildGraph, modelIdsFor } from '../lib/arch/registry';
import { footprint } from '../lib/arch/footprint';
import { loadDigitsNode } from '../lib/data/digits/node';
import { formatMacs, formatParams, formatRatio, formatSig } from '../lib/format';
import { median } from '../lib/runtime/profiler';
import { resolveTrainConfig } from '../lib/train/config';
import { TrainingRun } from '../lib/train/run';
import { BACKENDS, type CliBackend, selectBackend } from './arch-io';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PYTHON = '/usr/bin/python3';

interface Timing {
  readonly cpuMs: number;
  readonly wallMs: number;
}

const imagesPerS = (batch: number, ms: number) => batch / (ms / 1000);

function fail(message: string): never {
  process.stderr.write(`bench:train: ${message}\n`);
  process.exit(2);
}

function intArg(flag: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min) fail(`--${flag} needs a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  return Number(v);
}

/** Our step on `backend`: median CPU and wall time of `steps` steps after `warmup`. */
async function ours(id: string, backend: CliBackend, batch: number, warmup: number, steps: number, data: ReturnType<typeof loadDigitsNode>): Promise<Timing> {
  await selectBackend(backend);
  const graph = buildGraph(id);
  const { config } = resolveTrainConfig({ batchSize: batch, steps: warmup + steps, momentum: 0.9, lr: 0.05 });
  const before = tf.memory().numTensors;
  const run = TrainingRun.create({ graph, train: data.train, config, seed: 0 });
  const cpu: number[] = [];
  const wall: number[] = [];
  try {
    for (let i = 0; i < warmup + steps; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await run.run(1);
      const dc = process.cpuUsage(c0);
      if (i >= warmup) {
        cpu.push((dc.user + dc.system) / 1000);
        wall.push(performance.now() - t0);
      }
    }
  } finally {
    run.dispose();
  }
  if (tf.memory().numTensors !== before) throw new Error(`${id} on ${backend} left ${tf.memory().numTensors - before} tensors`);
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

/** PyTorch's step, one thread (scripts/py/bench_train.py). */
function torch(id: string, batch: number, warmup: number, steps: number): Timing {
  const r = spawnSync(PYTHON, ['scripts/py/bench_train.py', '--batch', String(batch), '--warmup', String(warmup), '--steps', String(steps), id], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${PYTHON} scripts/py/bench_train.py ${id} failed (exit ${r.status}): ${r.stderr || r.error?.message}`);
  const out = JSON.parse(r.stdout) as Record<string, { cpu_ms: number; wall_ms: number }>;
  return { cpuMs: out[id].cpu_ms, wallMs: out[id].wall_ms };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        models: { type: 'string' },
        backends: { type: 'string', default: 'wasm,cpu' },
        batch: { type: 'string', default: '64' },
        warmup: { type: 'string', default: '2' },
        steps: { type: 'string', default: '8' },
        'cpu-steps': { type: 'string', default: '1' },
        'cpu-batch': { type: 'string', default: '8' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const v = parsed.values;
  const digits = modelIdsFor('digits');
  const models = v.models ? v.models.split(',') : [...digits];
  for (const m of models) if (!digits.includes(m)) fail(`--models: ${JSON.stringify(m)} is not a digits model; known: ${digits.join(', ')}`);
  const backends = v.backends!.split(',') as CliBackend[];
  for (const b of backends) if (!BACKENDS.includes(b)) fail(`--backends: ${JSON.stringify(b)} is not one of ${BACKENDS.join(', ')}`);
  const batch = intArg('batch', v.batch!, 1);
  const warmup = intArg('warmup', v.warmup!, 0);
  const steps = intArg('steps', v.steps!, 1);
  const cpuSteps = intArg('cpu-steps', v['cpu-steps']!, 1);
  const cpuBatch = intArg('cpu-batch', v['cpu-batch']!, 1);
  /** Batch, warm-up and timed steps of each backend. */
  const plan = (b: CliBackend) => (b === 'cpu' ? { batch: cpuBatch, warmup: Math.min(warmup, 1), steps: cpuSteps } : { batch, warmup, steps });
  const batches = [...new Set(backends.map((b) => plan(b).batch))];

  const data = loadDigitsNode();
  const rows: { id: string; params: number; macs: number; torch: Record<number, Timing>; ours: Partial<Record<CliBackend, Timing>> }[] = [];
  for (const id of models) {
    const fp = footprint(buildGraph(id));
    const row = { id, params: fp.params, macs: fp.macs, torch: {} as Record<number, Timing>, ours: {} as Partial<Record<CliBackend, Timing>> };
    for (const b of batches) row.torch[b] = torch(id, b, b === batch ? warmup : Math.min(warmup, 1), b === batch ? steps : Math.max(cpuSteps, 3));
    for (const b of backends) {
      const p = plan(b);
      row.ours[b] = await ours(id, b, p.batch, p.warmup, p.steps, data);
    }
    rows.push(row);
    if (!v.json) process.stderr.write(`  ${id} done\n`);
  }

  if (v.json) {
    process.stdout.write(JSON.stringify({ batch, warmup, steps, cpuBatch, cpuSteps, rows }, null, 1) + '\n');
    return 0;
  }
  const head = ['model', 'params', 'MACs/img', ...backends.flatMap((b) => [`PyTorch B=${plan(b).batch}`, `ours ${b} B=${plan(b).batch}`, `${b} / PyTorch`])];
  const body = rows.map((r) => [
    r.id,
    formatParams(r.params),
    formatMacs(r.macs),
    ...backends.flatMap((b) => {
      const B = plan(b).batch;
      const t = imagesPerS(B, r.torch[B].cpuMs);
      const o = imagesPerS(B, r.ours[b]!.cpuMs);
      return [`${formatSig(t, 3)} img/s`, `${formatSig(o, 3)} img/s`, formatRatio(o / t)];
    }),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const load = rows.flatMap((r) => [...Object.values(r.torch).map((t) => t.wallMs / t.cpuMs), ...backends.map((b) => r.ours[b]!.wallMs / r.ours[b]!.cpuMs)]);
  process.stdout.write(
    [
      `Training throughput of the digits models (SGD momentum 0.9, real digits): images/s from the median step's CPU time.`,
      `wasm: batch ${batch}, ${warmup} warm-up + ${steps} timed steps; cpu: batch ${cpuBatch}, ${Math.min(warmup, 1)} + ${cpuSteps}; PyTorch at the same batch, one thread`,
      `(${PYTHON}, torch.set_num_threads(1)); tfjs ${tf.version.tfjs} in Node ${process.version}.`,
      '',
      line(head),
      line(widths.map((w) => '-'.repeat(w))),
      ...body.map(line),
      '',
      `Wall time / CPU time over all runs: median ${formatSig(median(load), 3)} (1 = an idle machine; more = other jobs took the CPU).`,
    ].join('\n') + '\n',
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench:train: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
