#!/usr/bin/env node
// Per page of the static export: first-load JavaScript (gzipped, from the exported HTML), the
// JavaScript actually fetched while Lighthouse loads the page without scrolling, and Lighthouse 12
// mobile scores (performance, accessibility, best practices, SEO, total blocking time, LCP), each
// checked against the budgets of issue 11. A measuring script, not a test: Lighthouse's timings
// vary with the machine's load, so run it on a quiet machine and compare runs side by side.
//
//   npm run export && node scripts/page-budgets.mjs            # table, exit 0
//   node scripts/page-budgets.mjs --dir /other/out --json      # one JSON object
//   node scripts/page-budgets.mjs --no-lighthouse              # first-load JS only (fast)
//   node scripts/page-budgets.mjs --pages /,/lessons/intro --check   # exit 1 when a budget fails
//   node scripts/page-budgets.mjs --cpu-slowdown 2             # Lighthouse's CPU multiplier (default 4)
//
// Lighthouse's mobile profile slows the CPU 4×, calibrated for a fast desktop; on a slower machine
// the simulated phone is slower still. Each row prints Lighthouse's own `benchmarkIndex` of the
// machine so runs can be compared; Lighthouse's throttling guide
// (github.com/GoogleChrome/lighthouse/blob/main/docs/throttling.md) says to lower the multiplier
// on slower machines, which --cpu-slowdown does. The budgets are set for the default 4×.
//
// Chromium: $CHROME_PATH, else /usr/bin/chromium. The export is served, gzipped as a real host would
// serve it, by scripts/serve-static.mjs on --port (default 4310).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLoadJs, kb, sumSizes } from './lib/first-load.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const LESSONS = ['/lessons/intro', '/lessons/densenet', '/lessons/resnext', '/lessons/shufflenet-v2', '/lessons/mnasnet'];
const PAGES = ['/', ...LESSONS, '/models', '/models/densenet121', '/compare', '/train', '/instructors'];

/** Issue 11's budgets. `lighthouse` applies to the home page and the lessons. */
const KB = 1000; // SI, as lib/format/bytes.ts
const BUDGETS = {
  lessonJs: 160 * KB,
  labJs: 180 * KB,
  performance: 0.9,
  accessibility: 1,
  bestPractices: 1,
  seo: 1,
  tbtMs: 200,
  lcpMs: 2500,
};
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function parseArgs(argv) {
  const opts = { dir: 'out', json: false, lighthouse: true, check: false, port: 4310, pages: PAGES, cpuSlowdown: 4 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--dir') opts.dir = value();
    else if (a === '--json') opts.json = true;
    else if (a === '--no-lighthouse') opts.lighthouse = false;
    else if (a === '--check') opts.check = true;
    else if (a === '--port') opts.port = Number(value());
    else if (a === '--pages') opts.pages = value().split(',').filter(Boolean);
    else if (a === '--cpu-slowdown') opts.cpuSlowdown = Number(value());
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/page-budgets.mjs [--dir out] [--pages /,/lessons/intro] [--port 4310] [--no-lighthouse] [--json] [--check]');
      process.exit(0);
    } else fail(`unknown option ${a} (see --help)`);
  }
  if (!Number.isInteger(opts.port) || opts.port <= 0) fail('--port must be a positive integer');
  if (!(opts.cpuSlowdown >= 1 && opts.cpuSlowdown <= 20)) fail('--cpu-slowdown must be a number from 1 to 20');
  opts.dir = resolve(opts.dir);
  if (!existsSync(join(opts.dir, 'index.html'))) fail(`${opts.dir} holds no exported site; run "npm run export" first (or pass --dir)`);
  for (const p of opts.pages) if (!existsSync(join(opts.dir, p, 'index.html'))) fail(`${p} is not a page of ${opts.dir}`);
  return opts;
}

function fail(message) {
  console.error(`page-budgets: ${message}`);
  process.exit(2);
}

const isLesson = (p) => p.startsWith('/lessons/');
// The training lab loads tfjs on Train, as the model lab does on Run: it holds the lab's budget.
const isLab = (p) => /^\/models\/[^/]+$/.test(p) || p === '/train';
const judgedByLighthouse = (p) => p === '/' || isLesson(p);

/** Serves the export with scripts/serve-static.mjs; resolves once it listens. */
function serve(dir, port) {
  return new Promise((ok, ko) => {
    const child = spawn(process.execPath, [join(HERE, 'serve-static.mjs'), dir], {
      env: { ...process.env, PORT: String(port), GZIP: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d) => String(d).includes('Serving') && ok(child));
    child.on('exit', (code) => ko(new Error(`serve-static exited with code ${code} (is port ${port} free?)`)));
  });
}

async function runLighthouse(pages, base, dir, cpuSlowdown) {
  const { default: lighthouse } = await import('lighthouse');
  const constants = await import('lighthouse/core/config/constants.js');
  const chromeLauncher = await import('chrome-launcher');
  const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
  const results = {};
  try {
    for (const page of pages) {
      process.stderr.write(`lighthouse ${page} …\n`);
      // The default config is Lighthouse's mobile profile (Moto G power, simulated slow 4G, 4× CPU).
      const run = await lighthouse(`${base}${page}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: cpuSlowdown },
      });
      const { categories: c, audits } = run.lhr;
      const fetched = (audits['network-requests']?.details?.items ?? [])
        .filter((r) => r.resourceType === 'Script' && r.url.startsWith(base))
        .map((r) => new URL(r.url).pathname);
      const failing = Object.values(c).flatMap((cat) =>
        cat.auditRefs.filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && audits[ref.id]?.score < 1).map((ref) => `${cat.id}:${ref.id}`),
      );
      results[page] = {
        performance: c.performance.score,
        accessibility: c.accessibility.score,
        bestPractices: c['best-practices'].score,
        seo: c.seo.score,
        tbtMs: Math.round(audits['total-blocking-time'].numericValue),
        benchmarkIndex: Math.round(run.lhr.environment.benchmarkIndex),
        lcpMs: Math.round(audits['largest-contentful-paint'].numericValue),
        fetchedJsGzip: sumSizes(dir, [...new Set(fetched)]).gzip,
        failingAudits: failing,
      };
    }
  } finally {
    await chrome.kill();
  }
  return results;
}

/** Each budget that applies to the page: [name, met]. */
function budgetsOf(row) {
  const out = [];
  if (isLesson(row.page)) out.push([`first-load JS ≤ ${kb(BUDGETS.lessonJs)}`, row.firstLoadJsGzip <= BUDGETS.lessonJs]);
  if (isLab(row.page)) out.push([`first-load JS ≤ ${kb(BUDGETS.labJs)}`, row.firstLoadJsGzip <= BUDGETS.labJs]);
  const lh = row.lighthouse;
  if (lh && judgedByLighthouse(row.page)) {
    out.push([`performance ≥ ${BUDGETS.performance}`, lh.performance >= BUDGETS.performance]);
    out.push(['accessibility = 1', lh.accessibility >= BUDGETS.accessibility]);
    out.push(['best practices = 1', lh.bestPractices >= BUDGETS.bestPractices]);
    out.push(['SEO = 1', lh.seo >= BUDGETS.seo]);
    out.push([`TBT ≤ ${BUDGETS.tbtMs} ms`, lh.tbtMs <= BUDGETS.tbtMs]);
    out.push([`LCP ≤ ${BUDGETS.lcpMs} ms`, lh.lcpMs <= BUDGETS.lcpMs]);
  }
  return out.map(([budget, met]) => ({ budget, met }));
}

function printTable(rows) {
  const head = ['page', 'first-load JS', 'fetched JS', 'perf', 'a11y', 'best pr.', 'SEO', 'TBT', 'LCP', 'bench. index', 'budgets'];
  const score = (v) => (v === undefined || v === null ? '–' : v.toFixed(2));
  const body = rows.map((r) => {
    const lh = r.lighthouse;
    const failed = r.budgets.filter((b) => !b.met).map((b) => b.budget);
    return [
      r.page,
      kb(r.firstLoadJsGzip),
      lh ? kb(lh.fetchedJsGzip) : '–',
      score(lh?.performance),
      score(lh?.accessibility),
      score(lh?.bestPractices),
      score(lh?.seo),
      lh ? `${lh.tbtMs} ms` : '–',
      lh ? `${(lh.lcpMs / 1000).toFixed(2)} s` : '–',
      lh ? String(lh.benchmarkIndex) : '–',
      r.budgets.length === 0 ? '(none)' : failed.length === 0 ? 'all met' : `MISSED: ${failed.join('; ')}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log("\nfirst-load JS: gzipped scripts in the page's HTML; fetched JS: gzipped scripts Lighthouse saw it load, unscrolled.");
  for (const r of rows) if (r.lighthouse?.failingAudits.length) console.log(`${r.page}: audits below 1: ${r.lighthouse.failingAudits.join(', ')}`);
}

const opts = parseArgs(process.argv.slice(2));
let lighthouse = {};
if (opts.lighthouse) {
  const server = await serve(opts.dir, opts.port);
  try {
    lighthouse = await runLighthouse(opts.pages, `http://127.0.0.1:${opts.port}`, opts.dir, opts.cpuSlowdown);
  } finally {
    server.kill();
  }
}
const rows = opts.pages.map((page) => {
  const js = firstLoadJs(opts.dir, page);
  const row = { page, firstLoadJsFiles: js.scripts.length, firstLoadJsGzip: js.gzip, firstLoadJsRaw: js.raw, lighthouse: lighthouse[page] };
  return { ...row, budgets: budgetsOf(row) };
});
const allMet = rows.every((r) => r.budgets.every((b) => b.met));
if (opts.json) console.log(JSON.stringify({ dir: opts.dir, budgets: BUDGETS, allMet, pages: rows }, null, 2));
else {
  printTable(rows);
  if (opts.lighthouse && opts.cpuSlowdown !== 4)
    console.log(`\nLighthouse ran with a ${opts.cpuSlowdown}× CPU slowdown (its mobile default is 4×): not the budgets' conditions.`);
  console.log(allMet ? '\nEvery budget is met.' : '\nSome budgets are missed (see the last column).');
}
if (opts.check && !allMet) process.exit(1);
