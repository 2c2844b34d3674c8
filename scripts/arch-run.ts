/**
 * `arch run <id> --weights W.safetensors --input I.safetensors --backend cpu|wasm [--json]`
 *
 * Runs a registered model (lib/arch registry) with torchvision weights exported as .safetensors
 * (scripts/py/export_safetensors.py) on an input file holding one float32 tensor named `input`,
 * NCHW [N, C, H, W] of any spatial size, C the model's input channels (3; 1 for the digits
 * models). Prints the top-5 (ImageNet names when there are 1000
 * classes), or with --json exactly {id, backend, output, ms} where output is the logits (a flat
 * list for N = 1, one list per image otherwise) and ms the median forward time incl. read-back.
 * Without --weights the model gets the seeded He init (--seed, default 0).
 * Weights go through the lab's one validated path (lib/runtime/weights/read-weights.ts): the
 * safetensors rules, every key and shape, then values: a file with NaN/Inf values or negative
 * BatchNorm running variances is refused with a per-tensor report unless --allow-nonfinite is
 * given (then the report is a warning on stderr).
 * An input the model cannot fit in the backend's memory (lib/runtime/run-guard.ts) is refused
 * before any weights are made.
 * Exit codes: 0 ok; 2 bad arguments, bad model id, unreadable/invalid files or weights, too big.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { buildGraph, getModel } from '../lib/arch/registry';
import { MAX_SIZE, MIN_SIZE } from '../lib/arch/validate';
import { footprint, type Footprint } from '../lib/arch/footprint';
import { memoryRefusal } from '../lib/runtime/run-guard';
import { Model, inputFromNCHW } from '../lib/runtime/executor';
import { topK } from '../lib/runtime/imagenet';
import { median } from '../lib/runtime/profiler';
import { heInit } from '../lib/runtime/weights/he-init';
import { SafetensorsError, parseSafetensors } from '../lib/runtime/weights/safetensors';
import { backendArg, readFile, readWeightsArg, selectBackend } from './arch-io';
import { type Command, UsageError } from './arch-types';
import { formatMs } from '../lib/format';

/** The `input` tensor of a .safetensors file as NCHW float32, with the `channels` the model `id` takes. */
function readInput(path: string, id: string, channels: number): { data: Float32Array; shape: [number, number, number, number] } {
  let file;
  try {
    file = parseSafetensors(readFile(path, '--input file'));
  } catch (e) {
    if (e instanceof SafetensorsError) throw new UsageError(`--input ${path}: ${e.message}`);
    throw e;
  }
  const t = file.tensors.get('input');
  if (!t) throw new UsageError(`--input ${path} has no tensor named "input" (found: ${[...file.tensors.keys()].join(', ') || 'none'})`);
  if (!t.data) throw new UsageError(`--input ${path}: "input" must be a float tensor, got ${t.dtype}`);
  if (t.shape.length !== 4 || t.shape[1] !== channels || t.shape.some((d) => d < 1)) {
    throw new UsageError(`--input ${path}: "input" must be NCHW [N, ${channels}, H, W] for ${id}, got [${t.shape.join(', ')}]`);
  }
  return { data: t.data, shape: t.shape as [number, number, number, number] };
}

/**
 * The footprint for an NCHW input of N images of H×W, from the graph's at `size`×`size`: activations
 * and MACs grow with the batch and, roughly, with the area (exact when H = W = size and N = 1).
 */
export function inputFootprint(fp: Footprint, size: number, [n, , h, w]: readonly [number, number, number, number]): Footprint {
  const scale = n * Math.max(1, (h * w) / (size * size));
  if (scale === 1) return fp;
  return { ...fp, macs: fp.macs * scale, peakActivationBytes: fp.peakActivationBytes * scale, largestTensorBytes: fp.largestTensorBytes * scale };
}

export const runCommand: Command = {
  summary: 'run a model on a .safetensors input (torchvision weights) and print logits / top-5',
  usage: 'run <id> [--weights W.safetensors [--allow-nonfinite]] --input I.safetensors [--backend cpu|wasm] [--json] [--repeat N] [--seed S]',
  details: [
    '  --weights W          torchvision weights (.safetensors); without it, seeded random weights (--seed S, default 0)',
    '  --allow-nonfinite    run even when W holds NaN/Inf values or negative BatchNorm running variances',
    '                       (refused by default, with a report per tensor; with this flag the report is a warning)',
    '  --input I            one float32 tensor named "input", NCHW [N, C, H, W] (C = 3; 1 for the digits models)',
    '  --backend cpu|wasm   default wasm',
    '  --json               print {id, backend, output, ms}',
    '  --repeat N           forward passes to time (median), default 1',
  ].join('\n'),
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...args],
        options: {
          weights: { type: 'string' },
          input: { type: 'string' },
          backend: { type: 'string', default: 'wasm' },
          json: { type: 'boolean', default: false },
          repeat: { type: 'string', default: '1' },
          seed: { type: 'string', default: '0' },
          'allow-nonfinite': { type: 'boolean', default: false },
        },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError(`run expects exactly one model id, got ${positionals.length}`);
    const id = positionals[0];
    getModel(id); // SpecError (exit 2) for an unknown id
    const backend = backendArg(values.backend);
    if (!values.input) throw new UsageError('--input I.safetensors is required');
    if (!/^\d+$/.test(values.repeat!) || Number(values.repeat) < 1)
      throw new UsageError(`--repeat expects a positive integer, got ${JSON.stringify(values.repeat)}`);
    if (!/^\d+$/.test(values.seed!)) throw new UsageError(`--seed expects a non-negative integer, got ${JSON.stringify(values.seed)}`);
    const input = readInput(values.input, id, buildGraph(id).input[0]);
    const weightBytes = values.weights ? readFile(values.weights, '--weights file') : null;

    await selectBackend(backend);
    // The executor runs at any input size; the graph's own size only sets the shapes it reports,
    // so build it at the input's size when the registry accepts that size, else at the default.
    const [, , h, w] = input.shape;
    const graph = h === w && h >= MIN_SIZE && h <= MAX_SIZE ? buildGraph(id, { size: h }) : buildGraph(id);

    // Before any weights are made: refuse what cannot fit the backend (lib/runtime/run-guard.ts).
    const refusal = memoryRefusal(inputFootprint(footprint(graph), graph.input[1], input.shape), backend, 0, 'Use a smaller or fewer-image input.');
    if (refusal) {
      io.stderr(`arch run: ${id}: ${refusal.message}\n`);
      return 2;
    }

    const model = Model.create(graph, heInit(graph, Number(values.seed)));
    const x = inputFromNCHW(input.data, input.shape);
    try {
      if (weightBytes) {
        const r = readWeightsArg(weightBytes, values.weights!, graph, id, 'run', values['allow-nonfinite'] === true);
        if (!r.ok) {
          io.stderr(r.message);
          return 2;
        }
        if (r.warning) io.stderr(r.warning);
        const loaded = model.loadStateDict(r.sd);
        if (!loaded.ok) {
          io.stderr(`arch run: weights ${values.weights}: ${loaded.issues[0]?.message}\n`);
          return 2;
        }
      }
      const times: number[] = [];
      let logits: Float32Array = new Float32Array(0);
      let classes = 0;
      for (let i = 0; i < Number(values.repeat); i++) {
        const t0 = performance.now();
        let y: tf.Tensor;
        try {
          y = model.predict(x);
        } catch (e) {
          io.stderr(`arch run: ${id} cannot run on input [${input.shape.join(', ')}]: ${(e as Error).message}\n`);
          return 2;
        }
        logits = y.dataSync() as Float32Array;
        classes = y.shape[1] ?? logits.length;
        y.dispose();
        times.push(performance.now() - t0);
      }
      const ms = median(times);
      const n = input.shape[0];
      const rows = Array.from({ length: n }, (_, b) => Array.from(logits.subarray(b * classes, (b + 1) * classes)));
      if (values.json) {
        io.stdout(JSON.stringify({ id, backend, output: n === 1 ? rows[0] : rows, ms }) + '\n');
      } else {
        const lines = [
          `${id} on ${backend}, input [${input.shape.join(', ')}], ${formatMs(ms)}${weightBytes ? '' : ` (seeded random weights, seed ${values.seed})`}`,
        ];
        rows.forEach((row, b) => {
          if (n > 1) lines.push(`image ${b}:`);
          for (const p of topK(row, 5))
            lines.push(`  ${(100 * p.prob).toFixed(2).padStart(6)}%  ${String(p.index).padStart(4)}  ${p.label}  (logit ${p.logit.toFixed(4)})`);
        });
        io.stdout(lines.join('\n') + '\n');
      }
      return 0;
    } finally {
      x.dispose();
      model.dispose();
    }
  },
};
