/**
 * `npx tsx scripts/bench-profile-gap.ts [--models a,b] [--sizes 112,224] [--backend wasm] [--clock lab|isolated|both] [--repeats N] [--json]`
 *
 * Does the lab's per-layer profile add up? For each model and size, in one run, side by side: the
 * whole-model median and the sum of the per-step medians of the site's profiler (lib/runtime/
 * profiler.ts, through the /bench harness in headless Chromium, against the built site: run
 * `npm run build` first), their ratio and the gap. The default settings are the lab's: warm-up 1,
 * 3 timed passes, and the clock a lab page has (performance.now() in 100 µs steps, not cross-origin
 * isolated); `--clock isolated` is /bench's 5 µs clock, `both` prints both. Also prints the traced
 * pass and what lies outside its steps, the steps too short for one clock reading (estimated by the mean of the repeated passes), and the
 * device's measured peaks. The target (15): |gap| ≤ 10 % on WASM at 112 and 224 for the five
 * lesson models. Machine load goes in the header: on a shared machine, run it when it is quiet.
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
  readonly r: RunResult;
}

async function main(): Promise<void> {
  const models = arg('models', LESSON_MODELS.join(',')).split(',');
  const sizes = arg('sizes', '112,224').split(',').map(Number);
  const backend = arg('backend', 'wasm') as BenchBackend;
  const clockArg = arg('clock', 'lab');
  const clocks = clockArg === 'both' ? ['lab', 'isolated'] : [clockArg];
  const repeats = Number(arg('repeats', '3'));
  const json = process.argv.includes('--json');
  const load = loadavg().map((l) => l.toFixed(2));
  const site = await startSite(root);
  const cells: Cell[] = [];
  try {
    for (const clock of clocks) {
      const h = await openHarness(site.origin, log, { isolated: clock === 'isolated' });
      try {
        for (const model of models)
          for (const size of sizes) {
            log(`${model} · ${backend} · ${size}x${size} · ${clock} clock …`);
            const r = await h.run({ model, backend, size, runs: repeats, warmup: 1 });
            log(`  whole ${formatSig(r.median_ms)} ms, layer sum ${formatSig(r.layer_sum_ms)} ms`);
            cells.push({ clock, model, size, r });
          }
      } finally {
        await h.close();
      }
    }
  } finally {
    await site.stop();
  }
  const loadEnd = loadavg().map((l) => l.toFixed(2));
  const gap = (r: RunResult) => ((r.layer_sum_ms ?? NaN) - r.median_ms) / r.median_ms;
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
            whole_ms: r.median_ms,
            layer_sum_ms: r.layer_sum_ms,
            gap: gap(r),
            trace_pass_ms: r.trace_pass_ms,
            steps: r.layers.length,
            short_steps: r.layers.filter((l) => l.estimator === 'mean').length,
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
    `${backend} · ${first?.device ?? ''} · load average (1, 5, 15 min) ${load.join(' ')} at start, ${loadEnd.join(' ')} at end · warm-up 1, median of ${repeats}`,
  );
  if (first?.peaks)
    console.log(
      `device peaks: ${formatSig(first.peaks.peakGflops)} GFLOP/s (matmul ${formatSig(first.peaks.matmulGflops)}, conv ${formatSig(first.peaks.convGflops)}), ${formatSig(first.peaks.peakGBps)} GB/s`,
    );
  for (const clock of clocks) {
    const mine = cells.filter((c) => c.clock === clock);
    const res = mine[0]?.r.profile as { summary?: { clockResolutionMs?: number } } | null;
    console.log(`\n${clock === 'lab' ? "the lab's clock" : 'cross-origin isolated clock'} (resolution ${formatSig(res?.summary?.clockResolutionMs)} ms)`);
    const head = ['model', ...sizes.flatMap((s) => [`${s}: whole ms`, 'layer sum', 'sum/whole', 'gap', 'traced', 'short'])];
    const rows = models.map((m) => [
      m,
      ...sizes.flatMap((s) => {
        const c = mine.find((x) => x.model === m && x.size === s);
        if (!c) return ['—', '—', '—', '—', '—', '—'];
        const r = c.r;
        return [
          formatSig(r.median_ms),
          formatSig(r.layer_sum_ms),
          formatRatio((r.layer_sum_ms ?? NaN) / r.median_ms),
          formatSignedPercent(gap(r)),
          formatSig(r.trace_pass_ms),
          `${r.layers.filter((l) => l.estimator === 'mean').length}/${r.layers.length}`,
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
