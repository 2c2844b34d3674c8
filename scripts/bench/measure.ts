/**
 * The measurement loop: every (model, column) configuration, plus ONNX Runtime per model, in
 * `rounds` interleaved rounds — per model ORT first, then ours (ORT, ours, ORT, ours, … over the
 * rounds). On a shared, noisy machine, interleaving spreads load spikes over all configurations
 * instead of letting one absorb them. Each configuration reports the faster of its rounds' medians
 * (a round's median drops the odd slow pass; the faster round is the one other processes disturbed
 * least, on both sides alike), each layer's time the median of its per-round medians; the samples
 * of all rounds are kept for the "fastest run" table.
 */
import type { BenchBackend, BenchGroupConv, RunResult } from '../../components/bench/types';
import type { BenchArgs } from './args';
import { sizeOf } from './args';
import type { BenchBrowser } from './browser';
import type { OrtResult } from './ort';
import { formatMs } from '../../lib/format';
import { threadsLabel } from '../../lib/runtime/wasm-threads';

export interface Column {
  readonly label: string;
  readonly backend: BenchBackend;
  readonly groupConv: BenchGroupConv;
}

export function columns(a: BenchArgs): Column[] {
  const cols: Column[] = [];
  for (const backend of a.backends)
    for (const groupConv of a.groupConvs)
      cols.push({ backend, groupConv, label: a.groupConvs.length > 1 || groupConv !== 'auto' ? `${backend}/${groupConv}` : backend });
  return cols;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The faster of the rounds' medians. */
export function fasterMedian(rs: readonly { readonly median_ms: number }[]): number {
  return rs.length ? Math.min(...rs.map((r) => r.median_ms)) : NaN;
}

/** The rounds of one configuration as one result: the faster median, all samples. */
export function mergeRuns(rs: readonly RunResult[]): RunResult {
  const first = rs[0];
  if (rs.length === 1) return first;
  const samples = rs.flatMap((r) => r.samples_ms);
  const layers = first.layers.map((l, i) => ({ ...l, ms: median(rs.map((r) => r.layers[i].ms)) }));
  return {
    ...first,
    runs: samples.length,
    median_ms: fasterMedian(rs),
    samples_ms: samples,
    layers,
    layer_sum_ms: first.layer_sum_ms == null ? null : layers.reduce((s, l) => s + l.ms, 0),
    trace_pass_ms: first.trace_pass_ms == null ? null : median(rs.map((r) => r.trace_pass_ms ?? NaN)),
    numTensorsAfter: rs[rs.length - 1].numTensorsAfter,
  };
}

export function mergeOrt(rs: readonly OrtResult[]): OrtResult {
  const samples = rs.flatMap((r) => r.samples_ms);
  return { ...rs[0], median_ms: fasterMedian(rs), samples_ms: samples, workers: Math.max(...rs.map((r) => r.workers)) };
}

export interface Measured {
  readonly results: Map<string, RunResult>;
  readonly orts: Map<string, OrtResult>;
}

export const cellKey = (model: string, col: number) => `${model}\u0000${col}`;

/** Times one model on ONNX Runtime Web at a size (ort.ts timeOrt on its page, with the run's options). */
export type OrtTimer = (model: string, size: number) => Promise<OrtResult>;

export async function measure(
  a: BenchArgs,
  cols: readonly Column[],
  h: Pick<BenchBrowser, 'run'>,
  ort: OrtTimer | null,
  log: (s: string) => void,
): Promise<Measured> {
  const runs = new Map<string, RunResult[]>();
  const orts = new Map<string, OrtResult[]>();
  for (let round = 0; round < a.rounds; round++) {
    const tag = a.rounds > 1 ? ` (round ${round + 1}/${a.rounds})` : '';
    // Model by model: its ORT run, then its columns, close together in time.
    for (const model of a.models) {
      const size = sizeOf(a, model);
      if (ort) {
        log(`${model} · ONNX Runtime Web (wasm, ${threadsLabel(a.threads)}) · ${size}x${size}${tag} …`);
        const o = await ort(model, size);
        log(`  ${formatMs(o.median_ms)}${a.threads > 1 ? ` (${o.workers} workers)` : ''}`);
        if (a.threads > 1 && o.workers === 0) log(`warning: ORT started no workers: it ran on one thread, not ${a.threads}`);
        orts.set(model, [...(orts.get(model) ?? []), o]);
      }
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c];
        log(`${model} · ${col.label} · ${size}x${size}${tag} …`);
        const r = await h.run({
          model,
          backend: col.backend,
          size,
          runs: a.runs,
          warmup: a.warmup,
          groupConv: col.groupConv,
          layers: a.layers,
          seed: a.seed,
        });
        if (col.backend === 'wasm' && r.threads !== a.threads)
          throw new Error(
            `${model} on wasm ran on ${r.threads} thread${r.threads === 1 ? '' : 's'}, not the ${a.threads} asked for (is /bench cross-origin isolated?)`,
          );
        if (r.numTensorsAfter !== r.numTensorsBefore) log(`warning: ${model} on ${col.label} leaked ${r.numTensorsAfter - r.numTensorsBefore} tensors`);
        log(`  ${formatMs(r.median_ms)}${r.layer_sum_ms != null ? `, layer sum ${formatMs(r.layer_sum_ms)}` : ''}`);
        const k = cellKey(model, c);
        runs.set(k, [...(runs.get(k) ?? []), r]);
      }
    }
  }
  return {
    results: new Map([...runs].map(([k, rs]) => [k, mergeRuns(rs)])),
    orts: new Map([...orts].map(([k, rs]) => [k, mergeOrt(rs)])),
  };
}
