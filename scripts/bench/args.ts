/** Command-line options of `npm run bench`; bad input throws UsageError (exit code 2). */
import { MAX_SIZE, MIN_SIZE, MODEL_IDS, getModel } from '../../lib/arch';
import { GROUP_CONV_STRATEGIES } from '../../lib/runtime/groupconv';
import { MAX_WASM_THREADS } from '../../lib/runtime/wasm-threads';
import { EXTRA_BENCH_MODELS, type BenchBackend, type BenchGroupConv } from '../../components/bench/types';
import { parseFlags } from '../lib/parse-flags';

export const BACKENDS: readonly BenchBackend[] = ['wasm', 'webgl', 'webgpu', 'cpu'];
export const GROUP_CONVS: readonly BenchGroupConv[] = ['auto', ...GROUP_CONV_STRATEGIES];

export interface BenchArgs {
  readonly models: readonly string[];
  readonly backends: readonly BenchBackend[];
  readonly groupConvs: readonly BenchGroupConv[];
  /** undefined: each model's own size (224 for ImageNet models, 64 for the parity configs). */
  readonly size: number | undefined;
  readonly runs: number;
  readonly warmup: number;
  /** Interleaved rounds over all configurations (samples pooled). */
  readonly rounds: number;
  readonly layers: boolean;
  readonly ort: boolean;
  /** WebAssembly threads on both sides: ours (tfjs setThreadsCount on an isolated /bench) and ORT (env.wasm.numThreads). */
  readonly threads: number;
  readonly json: boolean;
  readonly seed: number;
  readonly help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run -s bench -- --model <id>[,<id>…] [options]

Runs the site's models in headless Chromium against the BUILT site (run \`npm run build\` first):
it starts \`next start\` on a free port, opens /bench, measures, and stops the server.

  --model ids        comma list of model ids (required); \`npm run -s arch -- list\` shows them,
                     plus densenet_small / resnext_small (the 64x64 parity configs)
  --backend list     wasm | webgl | webgpu | cpu, comma list (default wasm)
  --groupconv list   auto | split | blockdiag | depthwise | matmul | packed | direct, comma list (default auto)
  --size N           square input size, 16..512 (default: the model's own: 224, 32 or 28)
  --runs N           timed repeats, median reported (default 5)
  --warmup N         untimed passes before timing, on each side (default 20: V8 compiles
                     WebAssembly with its baseline compiler first and tiers hot functions up
                     to TurboFan while they run, so the first passes run slower code)
  --rounds N         repeat the whole set of configurations N times, interleaved (with --ort, per
                     model: ORT, ours, ORT, ours, …), and report for each the faster of its
                     rounds' medians (default 1); use 2+ on a shared or noisy machine
  --layers 0|1       per-layer profile (default 1): the site's profiler (lib/runtime/profiler.ts),
                     the real fused forward timed step by step (wall time between steps on
                     wasm/cpu, GPU timer queries on webgl/webgpu), plus the device's measured
                     peaks and each step's roofline; 0 = whole-model timing only
  --ort              also time ONNX Runtime Web (wasm, SIMD, the same --threads) on the same models
                     and size (exports .bench/onnx/<id>_<size>.onnx with /usr/bin/python3 + torchvision)
  --threads N        WebAssembly threads, 1..8, on both sides (default 1): ours through tfjs'
                     setThreadsCount (/bench?threads=N, cross-origin isolated), ORT through
                     env.wasm.numThreads; 1 = tfjs' single-threaded SIMD binary. Needs the wasm
                     backend (the site itself uses one thread per core, up to 8)
  --seed N           weight seed (default 0)
  --json             machine-readable output
  --help             this text

Several models, backends or strategies print a side-by-side table with ratios to the first
column and the first row. Exit codes: 0 ok, 1 run failed, 2 bad options.`;

function int(flag: string, v: string, min: number, max: number): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`${flag} needs an integer, got "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${flag} must be ${min}..${max}, got ${n}`);
  return n;
}

function list<T extends string>(flag: string, v: string, allowed: readonly T[]): T[] {
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new UsageError(`${flag} needs a value`);
  for (const s of items) if (!(allowed as readonly string[]).includes(s)) throw new UsageError(`${flag}: unknown "${s}"; one of: ${allowed.join(', ')}`);
  if (new Set(items).size !== items.length) throw new UsageError(`${flag}: "${v}" lists a value twice`);
  return items as T[];
}

/**
 * Untimed passes before timing, on each side (ours and ORT alike). V8 compiles WebAssembly with
 * Liftoff first and recompiles hot functions with TurboFan in the background while they run
 * (dynamic tiering), so the first passes run slower code: on this 2-core VM, DenseNet-121 at 224
 * on one thread took 213, 207, 207, then 172–181 ms after 5 warm-ups, and 153–171 ms in the next
 * page; the medians of 7 moved by up to 40 % between runs with 2 warm-ups, and settled with 20.
 */
export const DEFAULT_WARMUP = 20;

const FLAGS = ['--model', '--backend', '--groupconv', '--size', '--runs', '--warmup', '--rounds', '--layers', '--seed', '--threads'];
const SWITCHES = ['--ort', '--json', '--help', '-h'];

export function parseArgs(argv: readonly string[]): BenchArgs {
  const { values, switches: on } = parseFlags(argv, {
    flags: FLAGS,
    switches: SWITCHES,
    commaLists: ['--model', '--backend', '--groupconv'],
    error: (m) => new UsageError(m),
  });
  const v = new Map([...values].map(([flag, [first]]) => [flag, first]));
  const help = on.has('--help');
  const modelArg = v.get('--model');
  if (!modelArg && !help) throw new UsageError('--model is required');
  const allModels = [...MODEL_IDS, ...EXTRA_BENCH_MODELS];
  const models = modelArg ? list('--model', modelArg, allModels) : [];
  const ort = on.has('--ort');
  if (ort) {
    const notTv = models.filter((m) => !MODEL_IDS.includes(m) || !getModel(m).torchvision);
    if (notTv.length) throw new UsageError(`--ort needs torchvision models (exported to ONNX); not in torchvision: ${notTv.join(', ')}`);
  }
  const layersArg = v.get('--layers') ?? '1';
  if (layersArg !== '0' && layersArg !== '1') throw new UsageError(`--layers must be 0 or 1, got "${layersArg}"`);
  const backends = list('--backend', v.get('--backend') ?? 'wasm', BACKENDS);
  const threads = int('--threads', v.get('--threads') ?? '1', 1, MAX_WASM_THREADS);
  if (v.has('--threads') && !backends.includes('wasm')) throw new UsageError('--threads sets the WebAssembly threads: it needs --backend wasm');
  return {
    models,
    backends,
    groupConvs: list('--groupconv', v.get('--groupconv') ?? 'auto', GROUP_CONVS),
    size: v.has('--size') ? int('--size', v.get('--size')!, MIN_SIZE, MAX_SIZE) : undefined,
    runs: int('--runs', v.get('--runs') ?? '5', 1, 1000),
    warmup: int('--warmup', v.get('--warmup') ?? String(DEFAULT_WARMUP), 0, 100),
    rounds: int('--rounds', v.get('--rounds') ?? '1', 1, 100),
    layers: layersArg === '1',
    ort,
    threads,
    json: on.has('--json'),
    seed: int('--seed', v.get('--seed') ?? '0', 0, 2 ** 31 - 1),
    help,
  };
}

/** The input size a model runs at under these options. */
export function sizeOf(args: BenchArgs, model: string): number {
  if (args.size) return args.size;
  return MODEL_IDS.includes(model) ? getModel(model).defaultSize : 64;
}
