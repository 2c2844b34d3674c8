/**
 * ONNX Runtime Web for comparison: the same torchvision models exported to ONNX (opset 13, batch 1,
 * the same input size), run by ORT's wasm backend (SIMD) with the same number of threads as ours
 * (`--threads`, env.wasm.numThreads) in the same headless Chromium. ORT's files and the .onnx are
 * served to a blank page at the site's origin through Playwright routes from node_modules and
 * .bench/, so nothing of ORT ships with the site. The page is cross-origin isolated like the
 * site's (COOP/COEP): ORT 1.30 ships one wasm binary, ort-wasm-simd-threaded, whose threads need
 * SharedArrayBuffer just as tfjs' do; without isolation it warns and runs on one thread.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { SetupError } from './server';

export interface OrtResult {
  readonly model: string;
  readonly size: number;
  readonly median_ms: number;
  readonly samples_ms: readonly number[];
  /** env.wasm.numThreads. */
  readonly threads: number;
  /** Web Workers the page had started by the end of the run (ORT's thread pool; 0 on one thread). */
  readonly workers: number;
  readonly version: string;
}

const PREFIX = '/__ort/';
const TYPES: Record<string, string> = {
  mjs: 'text/javascript',
  js: 'text/javascript',
  wasm: 'application/wasm',
  onnx: 'application/octet-stream',
  html: 'text/html',
};

/**
 * Cross-origin isolation for the ORT page, as the site sends it (lib/security/headers.mjs), on
 * every response: a worker's own script must carry COEP too, or an isolated page may not start it
 * (ORT's pool workers load ort-wasm-simd-threaded.mjs; without it: net::ERR_BLOCKED_BY_RESPONSE).
 */
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

export function onnxPath(root: string, model: string, size: number): string {
  return join(root, '.bench/onnx', `${model}_${size}.onnx`);
}

/** Export the missing .onnx files with Debian's torchvision (scripts/py/export_onnx.py). */
export function ensureOnnx(root: string, models: readonly string[], size: number, log: (s: string) => void): void {
  const missing = models.filter((m) => !existsSync(onnxPath(root, m, size)));
  if (!missing.length) return;
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  log(`exporting ${missing.join(', ')} at ${size} to ONNX with ${python} …`);
  const r = spawnSync(python, ['scripts/py/export_onnx.py', ...missing, '--size', String(size), '--out-dir', '.bench/onnx'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0)
    throw new SetupError(
      `ONNX export failed (${python} scripts/py/export_onnx.py; needs Debian's python3-torchvision):\n${(r.error?.message ?? '') + (r.stderr || r.stdout || '').trim()}`,
    );
}

/**
 * Chunk size for .onnx files: route.fulfill sends bodies through the DevTools pipe, which closes
 * on ~100 MB pending (ResNeXt-50's .onnx is 100 MB), so the page fetches large files in pieces.
 */
const CHUNK = 16 * 1024 * 1024;

export async function routeOrt(context: BrowserContext, root: string): Promise<void> {
  const dist = join(root, 'node_modules/onnxruntime-web/dist');
  if (!existsSync(dist)) throw new SetupError('onnxruntime-web is not installed: run `npm ci` (it is a devDependency).');
  await context.route(`**${PREFIX}**`, async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname.slice(PREFIX.length);
    const ext = path.split('.').pop() ?? '';
    let file: string | null = null;
    if (path === 'blank.html') return route.fulfill({ status: 200, contentType: TYPES.html, headers: ISOLATION, body: '<!doctype html><title>ORT</title>' });
    if (/^dist\/[\w.-]+$/.test(path)) file = join(dist, path.slice(5));
    else if (/^onnx\/[\w.-]+\.onnx$/.test(path)) file = join(root, '.bench', path);
    if (!file || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const chunk = url.searchParams.get('chunk');
    if (ext === 'onnx' && chunk !== null) {
      const size = statSync(file).size;
      if (chunk === 'size')
        return route.fulfill({ status: 200, contentType: 'application/json', headers: ISOLATION, body: JSON.stringify({ size, chunk: CHUNK }) });
      const i = Number(chunk);
      const fd = openSync(file, 'r');
      try {
        const buf = Buffer.alloc(Math.max(0, Math.min(CHUNK, size - i * CHUNK)));
        readSync(fd, buf, 0, buf.length, i * CHUNK);
        return route.fulfill({ status: 200, contentType: TYPES.onnx, headers: ISOLATION, body: buf });
      } finally {
        closeSync(fd);
      }
    }
    return route.fulfill({ status: 200, contentType: TYPES[ext] ?? 'application/octet-stream', headers: ISOLATION, body: readFileSync(file) });
  });
}

/**
 * The blank, cross-origin isolated page ORT runs in. ORT fixes its thread pool when its wasm starts
 * (the first session), so one page serves one thread count. It counts the Web Workers it starts.
 */
export async function openOrtPage(context: BrowserContext, threads: number, log: (line: string) => void = () => undefined): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`[ORT page ${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => log(`[ORT page uncaught] ${e.message}`));
  // A string, not a function: tsx would wrap a class in a __name() helper the page lacks.
  await page.addInitScript({
    content:
      'window.__ortWorkers = 0; { const W = window.Worker; window.Worker = class extends W { constructor(u, o) { super(u, o); window.__ortWorkers++; } }; }',
  });
  await page.goto(`${PREFIX}blank.html`);
  if (threads > 1 && !(await page.evaluate(() => self.crossOriginIsolated)))
    throw new SetupError(`the ORT page is not cross-origin isolated, so ORT cannot run ${threads} threads`);
  return page;
}

interface PageArgs {
  url: string;
  dist: string;
  size: number;
  runs: number;
  warmup: number;
  threads: number;
}

/** Time one model: session created once, `warmup` untimed runs, then the median of `runs`. */
export async function timeOrt(page: Page, model: string, size: number, runs: number, warmup: number, threads: number): Promise<OrtResult> {
  const args: PageArgs = { url: `${PREFIX}onnx/${model}_${size}.onnx`, dist: `${PREFIX}dist/`, size, runs, warmup, threads };
  const r = await page.evaluate(async (a: PageArgs) => {
    // A plain dynamic import in the page (kept out of any bundler's reach).
    const load = new Function('u', 'return import(u)') as (u: string) => Promise<OrtModule>;
    interface OrtTensor {
      data: Float32Array;
    }
    interface OrtSession {
      run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
      release(): Promise<void>;
      inputNames: string[];
    }
    interface OrtModule {
      env: { versions?: { web?: string }; wasm: { numThreads: number; simd?: boolean; wasmPaths: string; proxy: boolean } };
      InferenceSession: { create(b: ArrayBuffer, o: object): Promise<OrtSession> };
      Tensor: new (type: string, data: Float32Array, dims: number[]) => unknown;
    }
    const ort = await load(`${a.dist}ort.wasm.min.mjs`);
    ort.env.wasm.numThreads = a.threads;
    ort.env.wasm.simd = true;
    ort.env.wasm.proxy = false;
    ort.env.wasm.wasmPaths = a.dist;
    // (No named function literals in here: tsx would wrap them in a __name() helper the page lacks.)
    const meta = await fetch(`${a.url}?chunk=size`);
    if (!meta.ok) throw new Error(`${a.url}: HTTP ${meta.status}`);
    const { size, chunk } = (await meta.json()) as { size: number; chunk: number };
    const bytes = new Uint8Array(size);
    for (let i = 0; i * chunk < size; i++) {
      const res = await fetch(`${a.url}?chunk=${i}`);
      if (!res.ok) throw new Error(`${a.url} chunk ${i}: HTTP ${res.status}`);
      bytes.set(new Uint8Array(await res.arrayBuffer()), i * chunk);
    }
    const session = await ort.InferenceSession.create(bytes.buffer, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    try {
      const n = 3 * a.size * a.size;
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = Math.sin(i) * 0.5;
      const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', data, [1, 3, a.size, a.size]) };
      const samples: number[] = [];
      for (let i = 0; i < a.warmup + a.runs; i++) {
        const t0 = performance.now();
        const out = await session.run(feeds);
        let s = 0;
        for (const t of Object.values(out)) s += t.data[0]; // touch the result, as ours reads logits back
        const ms = performance.now() - t0;
        if (!Number.isFinite(s)) throw new Error('ORT produced non-finite logits');
        if (i >= a.warmup) samples.push(ms);
      }
      return { samples, version: ort.env.versions?.web ?? '?', workers: (window as unknown as { __ortWorkers: number }).__ortWorkers };
    } finally {
      await session.release();
    }
  }, args);
  const sorted = [...r.samples].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  return { model, size, median_ms: median, samples_ms: r.samples, threads, workers: r.workers, version: r.version };
}
