import type { BrowserContext, Page } from '@playwright/test';
import { HOST_PORT, STATIC_PORT } from '../playwright.config';
import { expect, test } from './fixtures';
import { EmbedHostPage } from './pages/EmbedHostPage';
import { EmbedPage } from './pages/EmbedPage';
import { LabPage } from './pages/LabPage';

// The regression test for the threaded WASM backend in the production bundle: before the fix
// (lib/runtime/wasm-glue.ts) tf.setBackend('wasm') never settled in a minified build, because the
// pool workers evaluated the minified Emscripten factory outside its scope and died (now such a
// start would give up after 20 s and run one thread, with a notice: these tests would fail). The
// count is tfjs' own getThreadsCount(), which also catches tfjs' halving cap (reportCores). It
// needs a machine with at least 2 cores (navigator.hardwareConcurrency), as every CI machine here has.
test.describe.configure({ timeout: 180_000 });

const MODEL = 'shufflenet_v2_x0_5';
const THREADED = /\/tfjs-wasm\/tfjs-backend-wasm-threaded-simd\.(wasm|js)$/;

/** The tfjs WASM files the page and its workers fetched. */
function wasmRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (r) => {
    if (r.url().includes('/tfjs-wasm/')) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

/** Runs the lab's model on wasm and reads the thread count from the runner's diagnostics. */
async function runAndReadThreads(page: Page, lab: LabPage): Promise<number> {
  await lab.run();
  await expect(lab.runner.getByTestId('runner-backend')).toHaveAttribute('data-backend', 'wasm');
  await lab.runner.getByText('Diagnostics').click();
  const renderer = lab.runner.locator('dd', { hasText: /^WebAssembly \(SIMD, / });
  const m = /\(SIMD, (?:single thread|(\d+) threads)\)/.exec((await renderer.textContent()) ?? '');
  expect(m, 'the renderer names the thread count').not.toBeNull();
  return m![1] ? Number(m![1]) : 1;
}

for (const [where, base] of [
  ['next start', ''],
  ['the static export (scripts/serve-static.mjs)', `http://127.0.0.1:${STATIC_PORT}`],
] as const) {
  test(`a model page is cross-origin isolated and runs WASM on several threads (${where})`, async ({ page, context }) => {
    const fetched = wasmRequests(context);
    const lab = new LabPage(page);
    await page.goto(`${base}/models/${MODEL}${base ? '/' : ''}?backend=wasm&sample=coffee`);
    const env = await page.evaluate(() => ({ isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    expect(env.isolated).toBe(true);
    expect(env.cores, 'this test needs a machine with 2 or more cores').toBeGreaterThan(1);

    const threads = await runAndReadThreads(page, lab);
    expect(threads).toBe(Math.min(env.cores, 8));
    await expect(lab.runner.getByTestId('threads-notice')).toHaveCount(0);
    // Layerwise's own kernel loaded on the threaded build's shared memory (instance.ts withSharedMemory).
    await expect(lab.runner.getByTestId('runner-conv-kernels')).toHaveText(
      `Layerwise's WebAssembly SIMD kernel (one thread) for grouped convolutions; XNNPACK (tfjs) on ${threads} threads for the others`,
    );
    // The threaded binary ran, and its workers imported the unminified glue from the site itself.
    expect(fetched).toEqual(expect.arrayContaining(['/tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm', '/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js']));
    expect(fetched.filter((p) => !THREADED.test(p))).toEqual([]);
    // And it computes: a second run on the same backend, tensors back to where they were.
    const before = Number(await lab.runner.getByTestId('runner-num-tensors').textContent());
    await lab.run();
    await expect(lab.runner.getByTestId('runner-num-tensors')).toHaveText(String(before));
  });
}

test('the device panel shows the WASM thread count of an isolated page', async ({ page }) => {
  await page.goto('/lessons/intro');
  const panel = page.getByRole('region', { name: 'Your device' });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('dl[data-backend]')).toBeVisible({ timeout: 60_000 });
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(panel).toContainText(
    new RegExp(`WebAssembly threads\\s*${Math.min(cores, 8)} when a model runs on WebAssembly \\(this page is cross-origin isolated\\)`),
  );
  await expect(panel.getByTestId('threads-notice')).toHaveCount(0);
});

test('a page served without COOP/COEP runs on one thread, and the device panel says why', async ({ page, context }) => {
  // As a host that leaves the headers out would serve it.
  await context.route(/\/lessons\/intro\/?$/, async (route) => {
    const res = await route.fetch();
    const headers = { ...res.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response: res, headers });
  });
  await page.goto('/lessons/intro');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
  const panel = page.getByRole('region', { name: 'Your device' });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('dl[data-backend]')).toBeVisible({ timeout: 60_000 });
  await expect(panel).toContainText(/WebAssembly threads\s*1 when a model runs on WebAssembly/);
  await expect(panel.getByTestId('threads-notice')).toHaveText(
    'One thread: this page is not cross-origin isolated (its server sent no COOP/COEP headers); threads need COOP/COEP.',
  );
});

test('an embed in a host page that is not isolated falls back to one thread, says so, and runs', async ({ page, baseURL, context }) => {
  const fetched = wasmRequests(context);
  const host = new EmbedHostPage(page, baseURL!);
  await host.goto([EmbedPage.path('lab-runner', `model=${MODEL}&backend=wasm&sample=coffee`)]);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
  const embed = new EmbedPage(host.frame(0));
  await expect(embed.scope.getByTestId('top5').getByRole('listitem')).toHaveCount(5, { timeout: 120_000 });
  await expect(embed.scope.getByTestId('runner-backend')).toHaveAttribute('data-backend', 'wasm');
  expect(await (await host.contentFrame(0)).evaluate(() => self.crossOriginIsolated)).toBe(false);
  await expect(embed.scope.getByTestId('threads-notice')).toHaveText(
    `One thread: this page is not cross-origin isolated (embedded in http://127.0.0.1:${HOST_PORT}); threads need COOP/COEP.`,
  );
  // The single-threaded SIMD binary, no workers; Layerwise's kernel on its ordinary memory.
  expect(fetched).toContain('/tfjs-wasm/tfjs-backend-wasm-simd.wasm');
  await embed.scope.getByText('Diagnostics').click();
  await expect(embed.scope.getByTestId('runner-conv-kernels')).toHaveText(
    "Layerwise's WebAssembly SIMD kernel for grouped and dense convolutions; XNNPACK (tfjs) for depthwise ones",
  );
  expect(fetched.filter((p) => THREADED.test(p))).toEqual([]);
});
