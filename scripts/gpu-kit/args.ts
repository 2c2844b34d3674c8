/**
 * Command-line options of the GPU kit (`./run.sh …` / `node kit.mjs …` on the target machine).
 * Bad input throws KitUsageError (exit code 2). Pure: no tfjs, no Dawn, so `--help` and the unit
 * tests never load a native binary.
 */
import { MAX_SIZE, MIN_SIZE, MODEL_IDS } from '../../lib/arch';
import { parseFlags } from '../lib/parse-flags';

/** The five lesson models, in the order of issue 18's tables. */
export const KIT_MODELS = ['shufflenet_v2_x1_0', 'mnasnet1_0', 'densenet121', 'resnext50_32x4d', 'resnet50'] as const;

export interface KitArgs {
  readonly models: readonly string[];
  readonly size: number;
  readonly runs: number;
  readonly warmup: number;
  /** Per-layer kernel profile and the device's peaks (default true). */
  readonly layers: boolean;
  readonly seed: number;
  /**
   * Also compare each model's logits on WebGPU with tfjs' cpu backend (same seeded weights and
   * input) at this size; 0 = no check. Default 64: small enough for the cpu backend to be quick.
   */
  readonly checkSize: number;
  /** Dawn's `adapter=<name>` option (a substring of the adapter's name), or null for WebGPU's own choice. */
  readonly adapter: string | null;
  /** Dawn's `backend=<name>` option (vulkan, null, …), or null for Dawn's default. */
  readonly dawnBackend: string | null;
  /** Extra Dawn options passed to `create()` as given, e.g. `enable-dawn-features=allow_unsafe_apis`. */
  readonly dawn: readonly string[];
  /**
   * Keep Dawn's timestamp quantization (on by default in Dawn: timestamps rounded down to 4096 ns,
   * seen in this kit's own runs, a guard against timing attacks on the web). Off by default here:
   * one layer of a fast GPU takes a few microseconds.
   */
  readonly quantizedTimestamps: boolean;
  /** requestAdapter({powerPreference}); tfjs-webgpu asks for 'high-performance'. */
  readonly powerPreference: 'high-performance' | 'low-power';
  /** Also write the JSON report to this file. */
  readonly out: string | null;
  /** Only list the adapters Dawn finds, then exit. */
  readonly listAdapters: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export class KitUsageError extends Error {}

/**
 * Relative L2 between WebGPU and cpu logits above which a model counts as failed. f32 kernels
 * summing in another order differ by ~1e-6 (lib/runtime/README.md's parity table: cpu and wasm
 * against PyTorch); 1e-4 leaves room for GPU reductions and fused multiply-adds, not for a wrong op.
 */
export const CHECK_TOLERANCE = 1e-4;

export const KIT_USAGE = `usage: ./run.sh [options]        (or: node kit.mjs [options]; needs Node.js 18 or newer, nothing else)

Runs Layerwise's tfjs models on the WebGPU backend in Node, through Dawn (the \`webgpu\` npm
package, bundled here for linux-x64), on the machine's GPU via Vulkan. Seeded weights (nothing is
downloaded; no network). Prints one JSON report on stdout and a short table on stderr.

  --models ids       comma list of model ids (default: ${KIT_MODELS.join(',')})
  --size N           square input size, ${MIN_SIZE}..${MAX_SIZE} (default 224)
  --runs N           timed passes, median reported (default 5)
  --warmup N         untimed passes first (default 2)
  --layers 0|1       per-layer GPU kernel time (timestamp queries) and the device's measured
                     peaks (default 1); 0 = whole-model time only
  --seed N           weight seed (default 0)
  --check N          compare each model's logits on WebGPU with tfjs' cpu backend at N x N
                     (relative L2, tolerance ${CHECK_TOLERANCE}; default 64); 0 = no check
  --adapter NAME     pick the adapter whose name contains NAME (Dawn's adapter= option);
                     --list-adapters shows the names
  --dawn-backend B   Dawn's backend= option: vulkan (default on Linux), opengles, null, …
  --dawn OPT         one more Dawn option, repeatable, e.g. --dawn enable-dawn-features=allow_unsafe_apis
  --low-power        requestAdapter({powerPreference: 'low-power'}) (default 'high-performance')
  --quantized-timestamps
                     keep Dawn's timestamp quantization (4096 ns steps); by default the kit turns
                     it off (disable-dawn-features=timestamp_quantization): layers take microseconds
  --out FILE         also write the JSON report to FILE
  --list-adapters    print the adapters Dawn finds (JSON) and exit
  --json             accepted for symmetry with \`npm run bench\`: the report is always JSON on stdout
  --version          the kit's build (git commit, packages) and exit
  --help             this text

Exit codes: 0 ok, 1 a model failed (the others still reported), 2 bad options, 3 no WebGPU
adapter (the report then lists what Vulkan drivers the machine has).`;

function int(flag: string, v: string, min: number, max: number): number {
  if (!/^\d+$/.test(v)) throw new KitUsageError(`${flag} needs an integer, got "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw new KitUsageError(`${flag} must be ${min}..${max}, got ${n}`);
  return n;
}

function modelList(v: string): string[] {
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new KitUsageError('--models needs a value');
  for (const s of items) if (!MODEL_IDS.includes(s)) throw new KitUsageError(`--models: unknown model "${s}"; the lesson models are ${KIT_MODELS.join(', ')}`);
  if (new Set(items).size !== items.length) throw new KitUsageError(`--models: "${v}" lists a model twice`);
  return items;
}

const FLAGS = ['--models', '--size', '--runs', '--warmup', '--layers', '--seed', '--check', '--adapter', '--dawn-backend', '--dawn', '--out'];
const SWITCHES = ['--low-power', '--quantized-timestamps', '--list-adapters', '--json', '--version', '--help', '-h'];

export function parseKitArgs(argv: readonly string[]): KitArgs {
  const { values: v, switches: on } = parseFlags(argv, {
    flags: FLAGS,
    switches: SWITCHES,
    repeatable: ['--dawn'],
    commaLists: ['--models'],
    error: (m) => new KitUsageError(m),
  });
  const one = (flag: string): string | undefined => v.get(flag)?.[0];
  const layersArg = one('--layers') ?? '1';
  if (layersArg !== '0' && layersArg !== '1') throw new KitUsageError(`--layers must be 0 or 1, got "${layersArg}"`);
  const text = (flag: string): string | null => {
    const s = one(flag);
    if (s === undefined) return null;
    if (!s.trim()) throw new KitUsageError(`${flag} needs a value`);
    return s;
  };
  const dawn = v.get('--dawn') ?? [];
  for (const d of dawn)
    if (!/^[a-z][a-z-]*=\S+$/.test(d)) throw new KitUsageError(`--dawn takes name=value (e.g. enable-dawn-features=allow_unsafe_apis), got "${d}"`);
  return {
    models: one('--models') === undefined ? [...KIT_MODELS] : modelList(one('--models')!),
    size: one('--size') === undefined ? 224 : int('--size', one('--size')!, MIN_SIZE, MAX_SIZE),
    runs: int('--runs', one('--runs') ?? '5', 1, 1000),
    warmup: int('--warmup', one('--warmup') ?? '2', 0, 100),
    layers: layersArg === '1',
    seed: int('--seed', one('--seed') ?? '0', 0, 2 ** 31 - 1),
    checkSize: one('--check') === '0' ? 0 : int('--check', one('--check') ?? '64', MIN_SIZE, MAX_SIZE),
    adapter: text('--adapter'),
    dawnBackend: text('--dawn-backend'),
    dawn,
    quantizedTimestamps: on.has('--quantized-timestamps'),
    powerPreference: on.has('--low-power') ? 'low-power' : 'high-performance',
    out: text('--out'),
    listAdapters: on.has('--list-adapters'),
    help: on.has('--help'),
    version: on.has('--version'),
  };
}

/** The options handed to Dawn's `create()`: ours first, then the user's own `--dawn` ones. */
export function dawnOptions(a: Pick<KitArgs, 'adapter' | 'dawnBackend' | 'dawn' | 'quantizedTimestamps'>): string[] {
  return [
    ...(a.dawnBackend ? [`backend=${a.dawnBackend}`] : []),
    ...(a.adapter ? [`adapter=${a.adapter}`] : []),
    ...(a.quantizedTimestamps ? [] : ['disable-dawn-features=timestamp_quantization']),
    ...a.dawn,
  ];
}
