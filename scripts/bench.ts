/**
 * `npm run -s bench -- --model <id>[,…] --backend wasm|webgl|webgpu|cpu[,…] [--groupconv …] [--size N]
 *  [--runs N] [--warmup N] [--rounds N] [--layers 0|1] [--ort] [--threads N] [--json]`
 *
 * Profiles the site's tfjs models in headless Chromium against the built site (`npm run build`
 * first): starts `next start` on a free port, drives the /bench harness page, stops the server.
 * See scripts/bench/args.ts for every option.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph, parityDenseNetSmall, parityResNeXtSmall } from '../lib/arch';
import type { RunResult } from '../components/bench/types';
import { type BenchArgs, USAGE, UsageError, parseArgs, sizeOf } from './bench/args';
import { openHarness } from './bench/browser';
import { header, layerTable, opKindSideBySide, opKindTable, sideBySide, summaryLine } from './bench/format';
import { ensureOnnx, openOrtPage, routeOrt, timeOrt } from './bench/ort';
import { cellKey, columns, measure } from './bench/measure';
import { SetupError, startSite } from './bench/server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Fail fast (exit 2) on a size a model cannot take, before starting a server and a browser. */
function checkSizes(a: BenchArgs): void {
  for (const m of a.models) {
    const size = sizeOf(a, m);
    try {
      if (m === 'densenet_small') parityDenseNetSmall(size);
      else if (m === 'resnext_small') parityResNeXtSmall(size);
      else buildGraph(m, { size });
    } catch (e) {
      throw new UsageError(`${m} at --size ${size}: ${(e as Error).message}`);
    }
  }
  if (a.ort && new Set(a.models.map((m) => sizeOf(a, m))).size > 1) throw new UsageError('--ort with models of different default sizes: give --size');
}

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    checkSizes(args);
  } catch (e) {
    if (e instanceof UsageError) {
      log(`bench: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const cols = columns(args);
  if (args.ort) ensureOnnx(root, args.models, sizeOf(args, args.models[0]), log);

  const site = await startSite(root);
  let closeBrowser: (() => Promise<void>) | null = null;
  try {
    log(`site: ${site.origin} (next start on the existing .next build)`);
    const h = await openHarness(site.origin, log, { threads: args.threads });
    closeBrowser = h.close;
    const ortPage = args.ort ? await routeOrt(h.page.context(), root).then(() => openOrtPage(h.page.context(), args.threads, log)) : null;

    const ort = ortPage ? (model: string, size: number) => timeOrt(ortPage, model, size, args.runs, args.warmup, args.threads) : null;
    const { results, orts } = await measure(args, cols, h, ort, log);
    const key = cellKey;

    const single = args.models.length === 1 && cols.length === 1;
    const all = args.models.flatMap((m) => cols.map((col, c) => ({ label: `${m} ${col.label}`, r: results.get(key(m, c))! })));
    if (args.json) {
      const strip = (r: RunResult) => ({ ...r, numTensorsBefore: undefined, numTensorsAfter: undefined });
      if (single) {
        const r = all[0].r;
        const o = orts.get(r.model);
        console.log(JSON.stringify({ ...strip(r), threads: args.threads, ...(o ? { ort: o, ours_over_ort: r.median_ms / o.median_ms } : {}) }, null, 2));
      } else {
        console.log(
          JSON.stringify(
            {
              threads: args.threads,
              rounds: args.rounds,
              results: all.map((x) => strip(x.r)),
              ...(args.ort
                ? {
                    ort: [...orts.values()],
                    ours_over_ort: all.map(({ r }) => ({
                      model: r.model,
                      backend: r.backend,
                      groupConv: r.groupConv,
                      ratio: r.median_ms / (orts.get(r.model)?.median_ms ?? NaN),
                    })),
                  }
                : {}),
            },
            null,
            2,
          ),
        );
      }
      return 0;
    }
    if (single) {
      const r = all[0].r;
      console.log(header(r));
      if (r.layers.length) console.log(`\n${layerTable(r.layers)}\n\nby op kind\n${opKindTable(r.layers)}\n`);
      console.log(summaryLine(r, orts.get(r.model)));
      return 0;
    }
    const first = all[0].r;
    console.log(
      `${first.device === all[all.length - 1].r.device ? `device: ${first.device}\n` : ''}median of ${args.runs}${args.rounds > 1 ? `, the faster of ${args.rounds} interleaved rounds${args.ort ? ' (ORT, ours, ORT, ours, …)' : ''}` : ''} after ${args.warmup} warm-up; sizes: ${[...new Set(all.map((x) => x.r.size))].join(', ')}; WebAssembly threads: ${args.threads}${args.ort ? ' on both sides' : ''}\n`,
    );
    console.log(
      sideBySide({
        rows: args.models,
        cols: cols.map((c) => c.label),
        cell: (r, c) => results.get(key(args.models[r], c)),
        ort: args.ort ? (r) => orts.get(args.models[r]) : undefined,
        threads: args.threads,
      }),
    );
    if (args.layers) console.log(`\nper op kind, ms (sum of per-layer medians)\n${opKindSideBySide(all)}`);
    return 0;
  } finally {
    await closeBrowser?.();
    await site.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`bench: ${e instanceof SetupError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
