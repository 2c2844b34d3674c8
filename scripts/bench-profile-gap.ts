/**
 * `npx tsx scripts/bench-profile-gap.ts [--models a,b] [--sizes 112,224] [--backend wasm] [--clock lab|isolated|both] [--repeats N] [--threads N] [--runtime chromium|node] [--json]`
 *
 * Does the lab's per-layer profile add up? For each model and size, in one run, side by side: the
 * typical whole-model pass and the sum of the per-step times of the site's profiler (lib/runtime/
 * profiler.ts, through the /bench harness in headless Chromium, against the built site: run
 * `npm run build` first), their ratio and the gap; both are read by one rule, the mean of the
 * middle half of their passes (step-timer.ts typicalOf). The default settings are the lab's: warm-up 1,
 * 3 timed passes, and the clock of a page that is not cross-origin isolated (performance.now() in 100 µs
 * steps: an embed in an ordinary host); `--clock isolated` is the 5 µs clock the site's own pages have
 * since they are served cross-origin isolated (issue 18), `both` prints both. `--threads N` (default 1)
 * sets the WASM thread count; the site's pages run one per core. Also prints the traced
 * pass (median, end to end) and the device's measured peaks. The target (15): |gap| ≤ 10 % on WASM at 112 and 224 for the five
 * lesson models. Machine load goes in the header: on a shared machine, run it when it is quiet.
 *
 * `--runtime node` runs the same profiler in Node (tfjs-backend-wasm, SIMD, one thread) without a
 * browser or a build, for machines without Chromium; `--clock lab` then reads performance.now()
 * floored to 100 µs, the lab's resolution, and `isolated` reads it unrounded.
 */
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchBackend, RunResult } from '../components/bench/types';
import { formatPercent, formatRatio, formatSig, formatSignedPercent } from '../lib/format';
import { openHarness } from './bench/browser';
import { table } from './bench/format';
import { startSite } from './bench/server';

const LESSON_MODELS = ['shufflenet_v2_x1_0', 'mnasnet1_0', 'densenet121', 'resnext50_32x4d', 'resnet50'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (s: string) => process.stderr.write(`${s}\n`);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Cell {
  readonly clock: string;
  readonly model: string;
  readonly size: number;
  readonly r: GapResult;
}

/** What the table needs of one profile (a /bench RunResult, or a profile made in Node). */
interface GapResult {
  readonly device: string;
  /** The typical whole-model pass the layer sum is compared with. */
  readonly whole_ms: number;
  readonly layer_sum_ms: number | null;
  readonly trace_pass_ms: number | null;
  readonly layers: ReadonlyArray<{ estimator: 'median' | 'mean' }>;
  readonly peaks: { peakGflops: number; peakGBps: number; matmulGflops: number; convGflops: number } | null;
  readonly clockResolutionMs: number | null;
}

const fromBench = (r: RunResult): GapResult => ({
  ...r,
  // The layer sum is compared with the profile's typical pass (the layers' own rule), not the median.
  whole_ms: r.typical_ms ?? r.median_ms,
  clockResolutionMs: ((r.profile as { summary?: { clockResolutionMs?: number } } | null)?.summary?.clockResolutionMs ?? null) as number | null,
});

async function inChromium(
  models: readonly string[],
  sizes: readonly number[],
  backend: BenchBackend,
  clocks: readonly string[],
  repeats: number,
  threads: number,
): Promise<Cell[]> {
  const site = await startSite(root);
  const cells: Cell[] = [];
  try {
    for (const clock of clocks) {
      const h = await openHarness(site.origin, log, { isolated: clock === 'isolated', threads });
      try {
        for (const model of models)
          for (const size of sizes) {
            log(`${model} · ${backend} · ${size}x${size} · ${clock} clock …`);
            const r = await h.run({ model, backend, size, runs: repeats, warmup: 1 });
            log(`  whole ${formatSig(r.typical_ms ?? r.median_ms)} ms, layer sum ${formatSig(r.layer_sum_ms)} ms`);
            cells.push({ clock, model, size, r: fromBench(r) });
          }
      } finally {
        await h.close();
      }
    }
  } finally {
    await site.stop();
  }
  return cells;
}

async function inNode(models: readonly string[], sizes: readonly number[], backend: BenchBackend, clocks: readonly string[], repeats: number): Promise<Cell[]> {
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--runtime node runs wasm or cpu, not ${backend}`);
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to initialise`);
  const { buildGraph } = await import('../lib/arch');
  const { Model } = await import('../lib/runtime/executor');
  const { heInit } = await import('../lib/runtime/weights/he-init');
  const { profileModel } = await import('../lib/runtime/profiler');
  const { measurePeaks } = await import('../lib/runtime/device-peaks');
  const { randomInput } = await import('../lib/runtime/timing');
  const peaks = await measurePeaks();
  const cells: Cell[] = [];
  for (const clock of clocks) {
    const now = clock === 'lab' ? () => Math.floor(performance.now() * 10) / 10 : () => performance.now();
    for (const model of models)
      for (const size of sizes) {
        log(`${model} · ${backend} (node) · ${size}x${size} · ${clock} clock …`);
        const graph = buildGraph(model, { size });
        const m = Model.create(graph, heInit(graph, 0));
        const x = randomInput(size, graph.input[0]);
        try {
          const p = await profileModel(m, x, { warmup: 1, repeats, clock: now });
          log(`  whole ${formatSig(p.wholeMs)} ms, layer sum ${formatSig(p.sumLayersMs)} ms`);
          cells.push({
            clock,
            model,
            size,
            r: {
              device: `tfjs-backend-${backend} in Node ${process.version}`,
              whole_ms: p.wholeMs,
              layer_sum_ms: p.sumLayersMs,
              trace_pass_ms: p.tracePassMs,
              layers: p.layers,
              peaks,
              clockResolutionMs: p.clockResolutionMs,
            },
          });
        } finally {
          x.dispose();
          m.dispose();
        }
      }
  }
  return cells;
}

async function main(): Promise<void> {
  const models = arg('models', LESSON_MODELS.join(',')).split(',');
  const sizes = arg('sizes', '112,224').split(',').map(Number);
  const backend = arg('backend', 'wasm') as BenchBackend;
  const clockArg = arg('clock', 'lab');
  const clocks = clockArg === 'both' ? ['lab', 'isolated'] : [clockArg];
  const repeats = Number(arg('repeats', '3'));
  const runtime = arg('runtime', 'chromium');
  // One thread by default, as this study first ran; the site's own pages now run one per core
  // (cross-origin isolated), so `--threads 2 --clock isolated` is what a reader of the lab gets here.
  const threads = Number(arg('threads', '1'));
  if (!Number.isInteger(threads) || threads < 1 || threads > 8) throw new Error(`--threads must be an integer from 1 to 8, not ${arg('threads', '1')}`);
  if (runtime === 'node' && threads !== 1) throw new Error('--runtime node runs one thread only');
  const json = process.argv.includes('--json');
  const load = loadavg().map((l) => l.toFixed(2));
  const cells = runtime === 'node' ? await inNode(models, sizes, backend, clocks, repeats) : await inChromium(models, sizes, backend, clocks, repeats, threads);
  const loadEnd = loadavg().map((l) => l.toFixed(2));
  const gap = (r: GapResult) => ((r.layer_sum_ms ?? NaN) - r.whole_ms) / r.whole_ms;
  if (json) {
    console.log(
      JSON.stringify(
        {
          backend,
          loadavg: { start: load, end: loadEnd },
          cells: cells.map(({ clock, model, size, r }) => ({
            clock,
            model,
            size,
            whole_ms: r.whole_ms,
            layer_sum_ms: r.layer_sum_ms,
            gap: gap(r),
            trace_pass_ms: r.trace_pass_ms,
            steps: r.layers.length,
            peaks: r.peaks,
          })),
        },
        null,
        2,
      ),
    );
    return;
  }
  const first = cells[0]?.r;
  console.log(
    `${backend} (${runtime}) · ${first?.device ?? ''} · load average (1, 5, 15 min) ${load.join(' ')} at start, ${loadEnd.join(' ')} at end · warm-up 1, ${repeats} timed passes (more while the typical pass is not settled)`,
  );
  if (first?.peaks)
    console.log(
      `device peaks: ${formatSig(first.peaks.peakGflops)} GFLOP/s (matmul ${formatSig(first.peaks.matmulGflops)}, conv ${formatSig(first.peaks.convGflops)}), ${formatSig(first.peaks.peakGBps)} GB/s`,
    );
  for (const clock of clocks) {
    const mine = cells.filter((c) => c.clock === clock);
    console.log(
      `\n${clock === 'lab' ? 'the 100 µs clock of a page without cross-origin isolation (an embed in an ordinary host)' : "the cross-origin isolated clock (the site's own pages)"} (resolution ${formatSig(mine[0]?.r.clockResolutionMs)} ms)`,
    );
    const head = ['model', ...sizes.flatMap((s) => [`${s}: whole ms`, 'layer sum', 'sum/whole', 'gap', 'traced'])];
    const rows = models.map((m) => [
      m,
      ...sizes.flatMap((s) => {
        const c = mine.find((x) => x.model === m && x.size === s);
        if (!c) return ['—', '—', '—', '—', '—'];
        const r = c.r;
        return [
          formatSig(r.whole_ms),
          formatSig(r.layer_sum_ms),
          formatRatio((r.layer_sum_ms ?? NaN) / r.whole_ms),
          formatSignedPercent(gap(r)),
          formatSig(r.trace_pass_ms),
        ];
      }),
    ]);
    console.log(table(head, rows));
    const worst = Math.max(...mine.map((c) => Math.abs(gap(c.r))));
    console.log(`largest |gap|: ${formatPercent(worst)} (target: within 10%)`);
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
