/** Headless Chromium (the e2e suite's executable and flags) driving the site's /bench harness. */
import { type Browser, type Page, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/browser';
import type { RunOptions, RunResult } from '../../components/bench/types';

export interface BenchBrowser {
  readonly browser: Browser;
  /** The /bench page, harness ready. */
  readonly page: Page;
  run(options: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
}

/**
 * `isolated` (default true): serve /bench cross-origin isolated, as the benchmarks do; false: as
 * the site serves its pages (the lab's clock: performance.now() in 100 us steps).
 */
export async function openHarness(origin: string, onConsole: (line: string) => void, { isolated = true }: { isolated?: boolean } = {}): Promise<BenchBrowser> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ baseURL: origin });
    // Serve /bench cross-origin isolated (COOP + COEP; everything on it is same-origin), which
    // gives performance.now() 5 us resolution instead of 100 us: per-layer times are sub-ms.
    if (isolated)
      await context.route(/\/bench\/?(\?.*)?$/, async (route) => {
        const res = await route.fetch();
        await route.fulfill({
          response: res,
          headers: { ...res.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
        });
      });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') onConsole(`[browser ${m.type()}] ${m.text()}`);
    });
    page.on('pageerror', (e) => onConsole(`[browser uncaught] ${e.message}`));
    await page.goto('/bench');
    await page.waitForFunction(() => window.layerwiseBench !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => window.layerwiseBench!.ready);
    if (isolated && !(await page.evaluate(() => self.crossOriginIsolated)))
      onConsole('note: /bench is not cross-origin isolated; timers have 100 us resolution');
    return {
      browser,
      page,
      run: (options) => page.evaluate((o) => window.layerwiseBench!.run(o), options),
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
