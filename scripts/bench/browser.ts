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

export interface HarnessOptions {
  /**
   * true (default): /bench cross-origin isolated, as the site serves every page (COOP + COEP,
   * lib/security/headers.mjs): performance.now() in 5 us steps and WASM threads possible. false:
   * the two headers stripped, as a host without them would serve it (performance.now() in 100 us
   * steps, one WASM thread).
   */
  readonly isolated?: boolean;
  /** WebAssembly threads for the page's wasm backend (/bench?threads=N); undefined = one per core. */
  readonly threads?: number;
}

export async function openHarness(origin: string, onConsole: (line: string) => void, { isolated = true, threads }: HarnessOptions = {}): Promise<BenchBrowser> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ baseURL: origin });
    // The server sends COOP/COEP itself; the route makes the choice explicit either way (and holds
    // for a build that predates the headers).
    await context.route(/\/bench\/?(\?.*)?$/, async (route) => {
      const res = await route.fetch();
      const headers = { ...res.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      if (isolated) Object.assign(headers, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
      await route.fulfill({ response: res, headers });
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') onConsole(`[browser ${m.type()}] ${m.text()}`);
    });
    page.on('pageerror', (e) => onConsole(`[browser uncaught] ${e.message}`));
    await page.goto(threads === undefined ? '/bench' : `/bench?threads=${threads}`);
    await page.waitForFunction(() => window.layerwiseBench !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => window.layerwiseBench!.ready);
    const crossOriginIsolated = await page.evaluate(() => self.crossOriginIsolated);
    if (isolated && !crossOriginIsolated) {
      if (threads !== undefined && threads > 1) throw new Error(`/bench is not cross-origin isolated, so it cannot run ${threads} WASM threads`);
      onConsole('note: /bench is not cross-origin isolated; timers have 100 us resolution');
    }
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
