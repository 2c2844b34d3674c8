/**
 * The kit's measurement loop and its report. The runner is the /bench harness's `run()`
 * (components/bench/harness.ts: the site's profiler, peaks and lab export), so every result has
 * the fields `npm run -s bench -- --json` prints; the tests give a fake runner.
 */
import type { RunOptions, RunResult } from '../../components/bench/types';
import { formatSig } from '../../lib/format';
import { table } from '../bench/format';
import { type AdapterReport, adapterLine } from './adapter';
import type { KitArgs } from './args';
import type { VulkanEnv } from './vulkan-env';

export interface KitRunner {
  run(options: RunOptions): Promise<RunResult>;
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
  readonly options: { readonly size: number; readonly runs: number; readonly warmup: number; readonly layers: boolean; readonly seed: number };
  readonly results: readonly KitResult[];
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

/** Runs every model one after another; a model that fails is reported and the others still run. */
export async function runKit(a: KitArgs, runner: KitRunner, ctx: KitContext): Promise<KitReport> {
  const now = ctx.now ?? Date.now;
  const t0 = now();
  const results: KitResult[] = [];
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
    options: { size: a.size, runs: a.runs, warmup: a.warmup, layers: a.layers, seed: a.seed },
    results,
    failures,
    tensors,
    startedAt: new Date(t0).toISOString(),
    wallSeconds: (now() - t0) / 1000,
  };
}

/** The short table for stderr: one row per model, then the peaks. */
export function kitTable(r: KitReport): string {
  const fmt = (x: number | null | undefined) => formatSig(x);
  const rows = r.results.map((x) => [
    x.model,
    String(x.size),
    fmt(x.median_ms),
    fmt(Math.min(...x.samples_ms)),
    fmt(x.layer_sum_ms),
    fmt(x.trace_pass_ms),
    x.layers.length ? String(x.layers.length) : '—',
    x.layer_timer ?? '—',
  ]);
  for (const f of r.failures) rows.push([f.model, String(r.options.size), 'failed', '', '', '', '', f.error.slice(0, 80)]);
  const out = [
    `adapter: ${adapterLine(r.adapter)}`,
    `median of ${r.options.runs} after ${r.options.warmup} warm-up · Node ${r.machine.node} · load ${r.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    table(['model', 'size', 'whole ms', 'fastest ms', 'kernel sum ms', 'traced ms', 'steps', 'layer timer'], rows, 1, [7]),
  ];
  const p = r.results.find((x) => x.peaks)?.peaks;
  if (p)
    out.push(
      '',
      `peaks (${p.timer}): ${fmt(p.peakGflops)} GFLOP/s (matmul ${fmt(p.matmulGflops)}, conv ${fmt(p.convGflops)}), ${fmt(p.peakGBps)} GB/s; ridge at ${fmt(p.ridgeIntensity)} FLOP/B`,
    );
  out.push('', 'kernel sum: the per-layer GPU kernel times added up (timestamp queries); whole: the forward pass with the logits read back.');
  return out.join('\n');
}
