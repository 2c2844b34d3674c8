/**
 * The kit's measurement loop and its report. The runner is the /bench harness's `run()`
 * (components/bench/harness.ts: the site's profiler, peaks and lab export), so every result has
 * the fields `npm run -s bench -- --json` prints; the tests give a fake runner.
 */
import type { LogitsOptions, RunOptions, RunResult } from '../../components/bench/types';
import { relL2 } from '../../lib/runtime/testing/fixtures.node';
import { formatSig } from '../../lib/format';
import { table } from '../bench/format';
import { type AdapterReport, adapterLine } from './adapter';
import { CHECK_TOLERANCE, type KitArgs } from './args';
import type { VulkanEnv } from './vulkan-env';

export interface KitRunner {
  run(options: RunOptions): Promise<RunResult>;
  /** Logits of the seeded model on the fixtures' hash input (the /bench harness's logits()). */
  logits(options: LogitsOptions): Promise<number[]>;
}

/** WebGPU's logits against tfjs' cpu backend: same spec, seeded weights and input. */
export interface KitCheck {
  readonly model: string;
  readonly size: number;
  readonly relL2: number;
  readonly maxAbsDiff: number;
  readonly tolerance: number;
  readonly ok: boolean;
}

/** Stamped into kit.mjs when it is packed (scripts/gpu-kit/pack.ts). */
export interface KitBuild {
  readonly commit: string;
  readonly builtAt: string;
  readonly tfjs: string;
  /** The `webgpu` npm package (Dawn for Node) packed with the kit. */
  readonly webgpu: string;
}

export interface MachineInfo {
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  /** os.loadavg() when the run started: timings are only as quiet as the machine. */
  readonly loadavg: readonly number[];
}

/** A result as `npm run -s bench -- --json` prints it (the tensor counts go to `tensors`). */
export type KitResult = Omit<RunResult, 'numTensorsBefore' | 'numTensorsAfter'>;

export interface KitReport {
  readonly kit: KitBuild;
  readonly machine: MachineInfo;
  readonly adapter: AdapterReport;
  readonly vulkan: VulkanEnv;
  readonly dawnOptions: readonly string[];
  readonly options: {
    readonly size: number;
    readonly runs: number;
    readonly warmup: number;
    readonly layers: boolean;
    readonly seed: number;
    readonly checkSize: number;
  };
  readonly results: readonly KitResult[];
  readonly checks: readonly KitCheck[];
  readonly failures: ReadonlyArray<{ readonly model: string; readonly error: string }>;
  /** tf.memory().numTensors before and after each model: equal when nothing leaked. */
  readonly tensors: ReadonlyArray<{ readonly model: string; readonly before: number; readonly after: number }>;
  readonly startedAt: string;
  readonly wallSeconds: number;
}

export interface KitContext {
  readonly build: KitBuild;
  readonly machine: MachineInfo;
  readonly adapter: AdapterReport;
  readonly vulkan: VulkanEnv;
  readonly dawnOptions: readonly string[];
  readonly log: (line: string) => void;
  readonly now?: () => number;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function check(model: string, a: KitArgs, runner: KitRunner): Promise<KitCheck> {
  const o = { model, size: a.checkSize, seed: a.seed, groupConv: 'auto' } as const;
  const ref = await runner.logits({ ...o, backend: 'cpu' });
  const gpu = await runner.logits({ ...o, backend: 'webgpu' });
  if (gpu.length !== ref.length) throw new Error(`check: ${gpu.length} logits on webgpu, ${ref.length} on cpu`);
  const rel = relL2(gpu, ref);
  const maxAbsDiff = gpu.reduce((m, g, i) => Math.max(m, Math.abs(g - ref[i])), 0);
  // NaN (a NaN logit) is not ok.
  return { model, size: a.checkSize, relL2: rel, maxAbsDiff, tolerance: CHECK_TOLERANCE, ok: rel <= CHECK_TOLERANCE };
}

/** Runs every model one after another; a model that fails is reported and the others still run. */
export async function runKit(a: KitArgs, runner: KitRunner, ctx: KitContext): Promise<KitReport> {
  const now = ctx.now ?? Date.now;
  const t0 = now();
  const results: KitResult[] = [];
  const checks: KitCheck[] = [];
  const failures: Array<{ model: string; error: string }> = [];
  const tensors: Array<{ model: string; before: number; after: number }> = [];
  for (const [i, model] of a.models.entries()) {
    ctx.log(
      `[${i + 1}/${a.models.length}] ${model} · webgpu · ${a.size}x${a.size} · ${a.warmup} warm-up + ${a.runs} runs${a.layers ? ' + per-layer profile' : ''} …`,
    );
    try {
      const r = await runner.run({ model, backend: 'webgpu', size: a.size, runs: a.runs, warmup: a.warmup, layers: a.layers, seed: a.seed, groupConv: 'auto' });
      const { numTensorsBefore, numTensorsAfter, ...rest } = r;
      tensors.push({ model, before: numTensorsBefore, after: numTensorsAfter });
      if (numTensorsAfter !== numTensorsBefore) ctx.log(`  warning: ${model} leaked ${numTensorsAfter - numTensorsBefore} tensors`);
      results.push(rest);
      ctx.log(`  ${formatSig(r.median_ms)} ms${r.layer_sum_ms != null ? `, kernel sum ${formatSig(r.layer_sum_ms)} ms (${r.layer_timer})` : ''}`);
      if (a.checkSize) {
        const c = await check(model, a, runner);
        checks.push(c);
        ctx.log(`  logits at ${c.size}x${c.size}, webgpu against cpu: relative L2 ${formatSig(c.relL2)}${c.ok ? '' : ` > ${c.tolerance}: WRONG`}`);
        if (!c.ok) failures.push({ model, error: `webgpu logits differ from cpu: relative L2 ${c.relL2} > ${c.tolerance}` });
      }
    } catch (e) {
      failures.push({ model, error: message(e) });
      ctx.log(`  failed: ${message(e)}`);
    }
  }
  return {
    kit: ctx.build,
    machine: ctx.machine,
    adapter: ctx.adapter,
    vulkan: ctx.vulkan,
    dawnOptions: ctx.dawnOptions,
    options: { size: a.size, runs: a.runs, warmup: a.warmup, layers: a.layers, seed: a.seed, checkSize: a.checkSize },
    results,
    checks,
    failures,
    tensors,
    startedAt: new Date(t0).toISOString(),
    wallSeconds: (now() - t0) / 1000,
  };
}

/** The short table for stderr: one row per model, then the peaks. */
export function kitTable(r: KitReport): string {
  const fmt = (x: number | null | undefined) => formatSig(x);
  const checkOf = (m: string) => r.checks.find((c) => c.model === m);
  const rows = r.results.map((x) => [
    x.model,
    String(x.size),
    fmt(x.median_ms),
    fmt(Math.min(...x.samples_ms)),
    fmt(x.layer_sum_ms),
    fmt(x.trace_pass_ms),
    x.layers.length ? String(x.layers.length) : '—',
    x.layer_timer ?? '—',
    checkOf(x.model) ? `${formatSig(checkOf(x.model)!.relL2)}${checkOf(x.model)!.ok ? '' : ' WRONG'}` : '—',
  ]);
  for (const f of r.failures)
    if (!r.results.some((x) => x.model === f.model)) rows.push([f.model, String(r.options.size), 'failed', '', '', '', '', '', f.error.slice(0, 80)]);
  const out = [
    `adapter: ${adapterLine(r.adapter)}`,
    `median of ${r.options.runs} after ${r.options.warmup} warm-up · Node ${r.machine.node} · load ${r.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    table(
      ['model', 'size', 'whole ms', 'fastest ms', 'kernel sum ms', 'traced ms', 'steps', 'layer timer', `vs cpu (rel L2 at ${r.options.checkSize})`],
      rows,
      1,
      [7, 8],
    ),
  ];
  const p = r.results.find((x) => x.peaks)?.peaks;
  if (p)
    out.push(
      '',
      `peaks (${p.timer}): ${fmt(p.peakGflops)} GFLOP/s (matmul ${fmt(p.matmulGflops)}, conv ${fmt(p.convGflops)}), ${fmt(p.peakGBps)} GB/s; ridge at ${fmt(p.ridgeIntensity)} FLOP/B`,
    );
  out.push('', 'kernel sum: the per-layer GPU kernel times added up (timestamp queries); whole: the forward pass with the logits read back.');
  for (const f of r.failures) out.push(`FAILED ${f.model}: ${f.error}`);
  return out.join('\n');
}
